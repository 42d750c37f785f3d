#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves the escapes of a JSON string's content that `JSONScanner` has already validated.
public enum JSONUnescaper {
    /// Appends the UTF-8 value of the escaped string content `raw` to `output`.
    public static func append(_ raw: UnsafeRawBufferPointer, to output: inout [UInt8]) {
        guard let base = raw.baseAddress else { return }
        var index = 0
        let count = raw.count
        output.reserveCapacity(output.count + count)
        while index < count {
            let runEnd = memchr(base + index, Int32(UInt8(ascii: "\\")), count - index)
                .map { base.distance(to: UnsafeRawPointer($0)) } ?? count
            if runEnd > index {
                output.append(contentsOf: UnsafeRawBufferPointer(start: base + index, count: runEnd - index))
            }
            index = runEnd
            guard index < count else { break }
            let escape = raw[index + 1]
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                let p = base.assumingMemoryBound(to: UInt8.self) + index
                let end = base.assumingMemoryBound(to: UInt8.self) + count
                var scalar = JSONScanner.hex4(p + 2, end) ?? 0xFFFD
                if scalar >= 0xD800 && scalar <= 0xDBFF, end - p >= 12, p[6] == UInt8(ascii: "\\"),
                   p[7] == UInt8(ascii: "u"), let low = JSONScanner.hex4(p + 8, end), low >= 0xDC00 && low <= 0xDFFF {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if scalar >= 0xD800 && scalar <= 0xDFFF {
                    scalar = 0xFFFD  // an unpaired surrogate has no UTF-8 form
                }
                appendUTF8(scalar, to: &output)
                index += 6
                continue
            default: output.append(escape)
            }
            index += 2
        }
    }

    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to output: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            output.append(UInt8(scalar))
        case 0x80..<0x800:
            output.append(UInt8(0xC0 | scalar >> 6))
            output.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            output.append(UInt8(0xE0 | scalar >> 12))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        default:
            output.append(UInt8(0xF0 | scalar >> 18))
            output.append(UInt8(0x80 | (scalar >> 12) & 0x3F))
            output.append(UInt8(0x80 | (scalar >> 6) & 0x3F))
            output.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
