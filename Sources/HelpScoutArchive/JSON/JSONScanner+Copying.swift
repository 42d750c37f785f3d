import CJSONKernels

/// Scanning a string and writing its value in the same pass: how the delivery line's `body` is read.
extension JSONScanner {
    enum CopyScan {
        case closed(quote: UnsafePointer<UInt8>, written: Int, hasEscapes: Bool, hasUnpairedSurrogate: Bool)
        case failed(at: UnsafePointer<UInt8>, JSONSyntaxError.Kind)
    }

    /// Validates a string's content from just after its opening quote, as `scanString` does, and
    /// writes its value (escapes resolved, UTF-8) to `out`, which must have room for `end - start + 64`
    /// bytes: 64 bytes (with the kernels) or eight bytes at a time are copied and stored while nothing
    /// needs a closer look. Tests choose `kernels` to compare both ways.
    static func scanStringCopying(
        from start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>,
        kernels: KernelChoice = .configured
    ) -> CopyScan {
        var p = start
        var o = out
        var hasEscapes = false
        var hasUnpairedSurrogate = false
        while true {
            if kernels.runsKernels {
                copyStringWithKernel(&p, end, &o, &hasEscapes)
            }
            while end - p >= 8 {
                let word = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
                UnsafeMutableRawPointer(o).storeBytes(of: word, as: UInt64.self)
                let special = specialBytes(word)
                if special == 0 {
                    p += 8
                    o += 8
                    continue
                }
                let clean = special.trailingZeroBitCount >> 3
                p += clean
                o += clean
                // The most common stop in an escaped JSON body: `\"`, handled without the switch below.
                if end - p >= 2 && p[0] == UInt8(ascii: "\\") && p[1] == UInt8(ascii: "\"") {
                    o.pointee = UInt8(ascii: "\"")
                    o += 1
                    p += 2
                    hasEscapes = true
                    continue
                }
                break
            }
            guard p < end else { return .failed(at: p, .invalid(.unterminatedString)) }
            let byte = p.pointee
            switch byte {
            case UInt8(ascii: "\""):
                return .closed(
                    quote: p, written: out.distance(to: o), hasEscapes: hasEscapes,
                    hasUnpairedSurrogate: hasUnpairedSurrogate)
            case UInt8(ascii: "\\"):
                hasEscapes = true
                guard let (after, scalar, unpaired) = JSONEscape.decode(p, end) else {
                    return .failed(at: p, .invalid(.invalidEscape))
                }
                hasUnpairedSurrogate = hasUnpairedSurrogate || unpaired
                o += JSONEscape.writeUTF8(scalar, to: o)
                p = after
            case 0..<0x20:
                return .failed(at: p, .invalid(.controlCharacter))
            case 0x20..<0x80:
                o.pointee = byte
                o += 1
                p += 1
            default:
                guard let after = scanUTF8Sequence(p, end) else { return .failed(at: p, .invalidUTF8) }
                while p < after {
                    o.pointee = p.pointee
                    o += 1
                    p += 1
                }
            }
        }
    }

    /// Copies a string's content from `p` to `o` with `hs_json_copy_string` while only `\"`, `\\` and `\/`
    /// escapes occur, leaving both at the first byte that needs the loop above.
    @inline(__always)
    private static func copyStringWithKernel(
        _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ o: inout UnsafeMutablePointer<UInt8>,
        _ resolvedEscape: inout Bool
    ) {
        var source: UnsafePointer<UInt8>? = p
        var destination: UnsafeMutablePointer<UInt8>? = o
        hs_json_copy_string(&source, end, &destination, &resolvedEscape)
        p = source!
        o = destination!
    }
}
