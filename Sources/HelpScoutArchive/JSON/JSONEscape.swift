/// A backslash escape in a JSON string, and the UTF-8 of the scalar it stands for: the one decoder
/// of escapes, which the scanner (to validate), the copying scanner and the unescaper share.
enum JSONEscape {
    /// The escape whose backslash is at `p`: where it ends and the scalar it stands for (a `\u`
    /// surrogate pair as one scalar; U+FFFD for half a pair, flagged `unpaired`, as it has no UTF-8
    /// form); nil when it is not a valid escape. (Not forced inline: the byte scanner's loop, which
    /// needs no scalar, measured faster for it.)
    static func decode(
        _ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
    ) -> (after: UnsafePointer<UInt8>, scalar: UInt32, unpaired: Bool)? {
        guard end - p >= 2 else { return nil }
        switch p[1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return (p + 2, UInt32(p[1]), false)
        case UInt8(ascii: "n"): return (p + 2, 0x0A, false)
        case UInt8(ascii: "t"): return (p + 2, 0x09, false)
        case UInt8(ascii: "r"): return (p + 2, 0x0D, false)
        case UInt8(ascii: "b"): return (p + 2, 0x08, false)
        case UInt8(ascii: "f"): return (p + 2, 0x0C, false)
        case UInt8(ascii: "u"): return decodeUnicode(p, end)
        default: return nil
        }
    }

    /// The `\u` escape at `p`, taking the low surrogate escape that follows a high one with it.
    private static func decodeUnicode(
        _ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
    ) -> (after: UnsafePointer<UInt8>, scalar: UInt32, unpaired: Bool)? {
        guard let unit = hex4(p + 2, end) else { return nil }
        guard unit >= 0xD800 && unit <= 0xDFFF else { return (p + 6, unit, false) }
        if unit <= 0xDBFF, end - p >= 12, p[6] == UInt8(ascii: "\\"), p[7] == UInt8(ascii: "u"),
            let low = hex4(p + 8, end), low >= 0xDC00 && low <= 0xDFFF
        {
            return (p + 12, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), false)
        }
        return (p + 6, 0xFFFD, true)
    }

    /// The value of four hex digits at `p`, or nil.
    private static func hex4(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UInt32? {
        guard end - p >= 4 else { return nil }
        var value: UInt32 = 0
        for i in 0..<4 {
            guard let digit = hexValue(p[i]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Writes `scalar` as UTF-8 at `out`; returns the number of bytes, at most 4 (and never more
    /// than the escape that gave the scalar: 2 bytes make 1, 6 at most 3, 12 make 4).
    @inline(__always)
    static func writeUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            out[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | scalar >> 6)
            out[1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | scalar >> 12)
            out[1] = UInt8(0x80 | (scalar >> 6) & 0x3F)
            out[2] = UInt8(0x80 | scalar & 0x3F)
            return 3
        default:
            out[0] = UInt8(0xF0 | scalar >> 18)
            out[1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
            out[2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
            out[3] = UInt8(0x80 | scalar & 0x3F)
            return 4
        }
    }
}
