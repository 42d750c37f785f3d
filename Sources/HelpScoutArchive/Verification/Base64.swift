import CJSONKernels

/// Strict standard-alphabet base64 (RFC 4648 §4, padded, no white space).
package enum Base64 {
    private static let invalid: UInt8 = 0xFF
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(character)] = UInt8(value)
        }
        return table
    }()

    /// Decodes `text`, appending the bytes to `output`.
    /// - Returns: false when `text` is not padded standard base64 (then `output` may hold a prefix).
    package static func decode(_ text: UnsafeRawBufferPointer, into output: inout [UInt8]) -> Bool {
        guard text.count >= 4 else { return text.isEmpty }
        var written: Int?
        output += [UInt8](unsafeUninitializedCapacity: text.count / 4 * 3) { buffer, count in
            written = decode(text, into: buffer.baseAddress!)
            count = written ?? 0
        }
        return written != nil
    }

    /// Decodes `text` into `output`, which needs room for `text.count / 4 * 3` bytes. With the kernels,
    /// whole blocks of 64 characters before the last four go through `hs_base64_decode_blocks` (about
    /// ten times faster); the rest, and any block it does not accept, through the loop below. Tests
    /// choose `kernels` to compare both ways.
    /// - Returns: how many bytes it wrote, or nil when `text` is not padded standard base64.
    static func decode(
        _ text: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>,
        kernels: KernelChoice = .configured
    ) -> Int? {
        guard text.count % 4 == 0 else { return nil }
        guard text.count > 0 else { return 0 }
        var blocks = 0
        if kernels.runsKernels && text.count > 64 {
            blocks = hs_base64_decode_blocks(
                text.baseAddress!.assumingMemoryBound(to: UInt8.self), (text.count - 4) / 64, output)
        }
        guard
            let rest = decodeGroups(
                UnsafeRawBufferPointer(rebasing: text[(64 * blocks)...]), into: output + 48 * blocks)
        else { return nil }
        return 48 * blocks + rest
    }

    /// `decode(_:into:)` four characters at a time.
    private static func decodeGroups(_ text: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>) -> Int? {
        let count = text.count
        var padding = 0
        if text[count - 1] == UInt8(ascii: "=") { padding += 1 }
        if text[count - 2] == UInt8(ascii: "=") { padding += 1 }
        // Pointers, not subscripts: the lengths were checked above, and this runs over whole bodies.
        let valid = table.withUnsafeBufferPointer { tableBuffer in
            let table = tableBuffer.baseAddress!, input = text.baseAddress!.assumingMemoryBound(to: UInt8.self)
            var out = output
            let groups = count / 4
            for group in 0..<groups {
                let p = input + group * 4
                let isLast = group == groups - 1
                let a = table[Int(p[0])], b = table[Int(p[1])]
                let c = isLast && padding == 2 ? 0 : table[Int(p[2])]
                let d = isLast && padding >= 1 ? 0 : table[Int(p[3])]
                guard (a | b | c | d) & 0xC0 == 0 else { return false }
                let value = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                out[0] = UInt8(value >> 16)
                out[1] = UInt8(value >> 8 & 0xFF)
                out[2] = UInt8(value & 0xFF)
                out += 3
            }
            return true
        }
        return valid ? count / 4 * 3 - padding : nil
    }

    /// Encodes `bytes` as padded standard base64.
    package static func encode<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next(), third = iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(group >> 18 & 63)])
            output.append(alphabet[Int(group >> 12 & 63)])
            output.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(group >> 6 & 63)])
            output.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(group & 63)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
