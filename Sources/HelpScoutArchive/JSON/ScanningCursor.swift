/// Where the parse loop finds its tokens, scanning every byte: works on any CPU and gives the
/// precise error. (Indexed texts are parsed by `hs_json_parse_indexed`, the same loop in C.)
struct ScanningCursor {
    private var p: UnsafePointer<UInt8>
    private let end: UnsafePointer<UInt8>

    init(start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) {
        p = start
        self.end = end
    }

    @inline(__always) mutating func next() -> UnsafePointer<UInt8> {
        p = JSONScanner.skipWhitespace(p, end)
        return p
    }

    @inline(__always) mutating func consumeByte() { p += 1 }

    @inline(__always) mutating func string(openingAt quote: UnsafePointer<UInt8>) -> JSONScanner.StringScan {
        let scan = JSONScanner.scanString(from: quote + 1, end)
        if case .closed(let closing, _, _) = scan { p = closing + 1 }
        return scan
    }

    @inline(__always) mutating func skipString(closingAt quote: UnsafePointer<UInt8>) { p = quote + 1 }

    /// Steps to `after`, the end of the number or literal that `next()` returned.
    @inline(__always) mutating func skip(to after: UnsafePointer<UInt8>) { p = after }
}
