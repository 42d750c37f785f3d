/// Where the parse loop finds its tokens: by scanning the bytes (`ScanningCursor`, the reference)
/// or from the structural index the AVX-512 kernel built (`IndexedCursor`).
protocol JSONCursor {
    /// The first byte of the next token, white space skipped; the text's end when there is none.
    mutating func next() -> UnsafePointer<UInt8>
    /// Steps past the one-byte token (`{ } [ ] : ,`) that `next()` returned.
    mutating func consumeByte()
    /// Scans the string whose opening quote `next()` returned and steps past it.
    mutating func string(openingAt quote: UnsafePointer<UInt8>) -> JSONScanner.StringScan
    /// Steps past the string that `next()` returned and that closes at `quote`, already scanned.
    mutating func skipString(closingAt quote: UnsafePointer<UInt8>)
    /// Steps past the number or literal that `next()` returned, which ends just before `after`;
    /// false when other bytes than white space or the next token follow it.
    mutating func scalar(endingAt after: UnsafePointer<UInt8>) -> Bool
}

/// Finds tokens by scanning every byte: works on any CPU and gives the precise error.
struct ScanningCursor: JSONCursor {
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

    @inline(__always) mutating func scalar(endingAt after: UnsafePointer<UInt8>) -> Bool {
        p = after
        return true
    }
}

/// Reads tokens from the offsets `hs_json_index` wrote, which end with the text's length twice.
/// It only tells valid from invalid: on an error, parse again with a `ScanningCursor` to say why.
struct IndexedCursor: JSONCursor {
    private let start: UnsafePointer<UInt8>
    private let end: UnsafePointer<UInt8>
    private let offsets: UnsafePointer<UInt32>
    private var index = 0

    init(start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>, offsets: UnsafePointer<UInt32>) {
        self.start = start
        self.end = end
        self.offsets = offsets
    }

    @inline(__always) mutating func next() -> UnsafePointer<UInt8> {
        let token = start + Int(offsets[index])
        index += 1
        return token
    }

    @inline(__always) mutating func consumeByte() {}

    @inline(__always) mutating func string(openingAt quote: UnsafePointer<UInt8>) -> JSONScanner.StringScan {
        // After an opening quote the index holds the backslashes of the string's escapes, if any,
        // then its closing quote; the index always closes every string it accepts, and has checked
        // its UTF-8 and control bytes, so only the escapes are left to validate.
        var p = start + Int(offsets[index])
        index += 1
        var hasEscapes = false, hasUnpairedSurrogate = false
        while p < end && p.pointee == UInt8(ascii: "\\") {
            guard let (after, unpaired) = JSONScanner.scanEscape(p, end) else {
                return .failed(at: p, .invalid(.invalidEscape))
            }
            hasEscapes = true
            hasUnpairedSurrogate = hasUnpairedSurrogate || unpaired
            // The second half of a surrogate pair is an escape of its own in the index.
            while start + Int(offsets[index]) < after { index += 1 }
            p = start + Int(offsets[index])
            index += 1
        }
        guard p < end else { return .failed(at: p, .invalid(.unterminatedString)) }
        return .closed(quote: p, hasEscapes: hasEscapes, hasUnpairedSurrogate: hasUnpairedSurrogate)
    }

    @inline(__always) mutating func skipString(closingAt quote: UnsafePointer<UInt8>) {
        while start + Int(offsets[index]) <= quote && offsets[index] < offsets[index + 1] { index += 1 }
    }

    @inline(__always) mutating func scalar(endingAt after: UnsafePointer<UInt8>) -> Bool {
        if after == start + Int(offsets[index]) { return true }
        guard after < end else { return false }
        let byte = after.pointee
        return byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
