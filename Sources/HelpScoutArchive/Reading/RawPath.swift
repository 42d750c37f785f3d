/// A file system path as the bytes the kernel knows it by: a Linux name need not be UTF-8, and a
/// `String` would repair it into a different name that cannot be opened.
public struct RawPath: Sendable, Hashable {
    /// The path's bytes, without a terminating NUL.
    public let bytes: [UInt8]

    /// A path from its bytes.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// A path from text, as its UTF-8 bytes.
    public init(_ path: String) { bytes = Array(path.utf8) }

    /// The path as text when it is valid UTF-8.
    public var string: String? { String(validating: bytes, as: UTF8.self) }

    /// The path for people and for every output: UTF-8 as it is with `\` written `\\`, each byte that
    /// is not UTF-8 as `\xff`, and controls and hidden characters as escapes (`\n`, `\u202e`), so no
    /// name can start a line of output of its own or run a terminal escape sequence.
    public var displayName: String {
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }) {
            return String(decoding: bytes, as: UTF8.self)
        }
        var name = ""
        var run: [UInt8] = []
        func endRun() {
            guard !run.isEmpty else { return }
            name += String(decoding: run, as: UTF8.self).replacing("\\", with: "\\\\").displaySafe
            run.removeAll()
        }
        var index = 0
        while index < bytes.count {
            // A lead byte fixes a sequence's length, so the first length that is valid UTF-8 is it.
            if let length = (1...4).first(where: {
                index + $0 <= bytes.count && String(validating: bytes[index..<(index + $0)], as: UTF8.self) != nil
            }) {
                run += bytes[index..<(index + length)]
                index += length
            } else {
                endRun()
                name += "\\x" + (bytes[index] < 16 ? "0" : "") + String(bytes[index], radix: 16)
                index += 1
            }
        }
        endRun()
        return name
    }

    /// `name` inside this directory.
    package func appending(_ name: [UInt8]) -> RawPath {
        RawPath(bytes: bytes.last == UInt8(ascii: "/") ? bytes + name : bytes + [UInt8(ascii: "/")] + name)
    }

    /// The last component, without trailing slashes.
    package var lastComponent: [UInt8] {
        let trimmed = withoutTrailingSlashes.bytes
        guard let slash = trimmed.lastIndex(of: UInt8(ascii: "/")) else { return trimmed }
        return Array(trimmed[(slash + 1)...])
    }

    /// The folder holding the last component: `.` for a bare name.
    package var parent: RawPath {
        let trimmed = withoutTrailingSlashes.bytes
        guard let slash = trimmed.lastIndex(of: UInt8(ascii: "/")) else { return RawPath(".") }
        return slash == 0 ? RawPath("/") : RawPath(bytes: Array(trimmed[..<slash]))
    }

    /// The path with trailing slashes dropped (`/` stays `/`).
    package var withoutTrailingSlashes: RawPath {
        var trimmed = bytes
        while trimmed.count > 1 && trimmed.last == UInt8(ascii: "/") { trimmed.removeLast() }
        return RawPath(bytes: trimmed)
    }

    /// Calls `body` with the path as a C string.
    package func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        try (bytes + [0]).withUnsafeBufferPointer { buffer in
            try buffer.withMemoryRebound(to: CChar.self) { try body($0.baseAddress!) }
        }
    }
}
