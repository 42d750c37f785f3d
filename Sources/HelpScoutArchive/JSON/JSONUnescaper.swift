#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Resolves the escapes of a JSON string's content that `JSONScanner` has already validated.
package enum JSONUnescaper {
    /// The value of the escaped string content `raw`, as a Swift string.
    package static func string(_ raw: UnsafeRawBufferPointer) -> String {
        guard !raw.isEmpty else { return "" }
        return String(unsafeUninitializedCapacity: raw.count) { write(raw, to: $0.baseAddress!) }
    }

    /// Writes the value of `raw` to `out`, which needs room for `raw.count` bytes (resolving an escape
    /// never lengthens it); returns how many bytes it wrote. A backslash that starts no valid escape
    /// (content the scanner did not validate) is copied as it is.
    static func write(_ raw: UnsafeRawBufferPointer, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let start = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let end = start + raw.count
        var p = start
        var o = out
        while p < end {
            let backslash =
                memchr(p, Int32(UInt8(ascii: "\\")), end - p)
                .map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? end
            o.update(from: p, count: backslash - p)
            o += backslash - p
            p = backslash
            guard p < end else { break }
            if let (after, scalar, _) = JSONEscape.decode(p, end) {
                o += JSONEscape.writeUTF8(scalar, to: o)
                p = after
            } else {
                o.pointee = p.pointee
                o += 1
                p += 1
            }
        }
        return out.distance(to: o)
    }
}
