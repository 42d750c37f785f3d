/// The byte-level primitives of the JSON parser: white space, strings, numbers, literals.
enum JSONScanner {
    enum StringScan {
        case closed(quote: UnsafePointer<UInt8>, hasEscapes: Bool, hasUnpairedSurrogate: Bool)
        case failed(at: UnsafePointer<UInt8>, JSONSyntaxError.Kind)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    @inline(__always)
    static func skipWhitespace(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8> {
        var p = p
        while p < end {
            let byte = p.pointee
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { break }
            p += 1
        }
        return p
    }

    /// Marks, in eight bytes at once, every byte that ends the fast path of a string: a quote, a
    /// backslash, a control character or a non-ASCII byte. Only the lowest marked byte is exact,
    /// which is all the caller uses.
    @inline(__always)
    static func specialBytes(_ word: UInt64) -> UInt64 {
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote
        let hasBackslash = (backslash &- ones) & ~backslash
        let hasControl = (word &- ones &* 0x20) & ~word
        return (hasQuote | hasBackslash | hasControl | word) & highBits
    }

    /// Scans a string's content from just after its opening quote to its closing quote, validating
    /// escapes (surrogates paired) and UTF-8.
    static func scanString(from start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> StringScan {
        var p = start
        var hasEscapes = false
        var hasUnpairedSurrogate = false
        while true {
            while end - p >= 8 {
                let special = specialBytes(UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
                if special != 0 {
                    p += special.trailingZeroBitCount >> 3
                    break
                }
                p += 8
            }
            guard p < end else { return .failed(at: p, .invalid(.unterminatedString)) }
            let byte = p.pointee
            if byte == UInt8(ascii: "\"") {
                return .closed(quote: p, hasEscapes: hasEscapes, hasUnpairedSurrogate: hasUnpairedSurrogate)
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                guard let (after, _, unpaired) = JSONEscape.decode(p, end) else {
                    return .failed(at: p, .invalid(.invalidEscape))
                }
                hasUnpairedSurrogate = hasUnpairedSurrogate || unpaired
                p = after
            } else if byte < 0x20 {
                return .failed(at: p, .invalid(.controlCharacter))
            } else if byte >= 0x80 {
                guard let after = scanUTF8Sequence(p, end) else { return .failed(at: p, .invalidUTF8) }
                p = after
            } else {
                p += 1
            }
        }
    }

    /// Validates one multi-byte UTF-8 sequence (no overlongs, no surrogates, at most U+10FFFF).
    static func scanUTF8Sequence(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        let lead = p[0]
        let length: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default: return nil
        }
        guard end - p >= length, p[1] >= low && p[1] <= high else { return nil }
        for i in 2..<length where p[i] & 0xC0 != 0x80 { return nil }
        return p + length
    }

    /// Scans a number per the JSON grammar; returns the byte after it.
    static func scanNumber(from start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        var p = start
        @inline(__always) func isDigit(_ p: UnsafePointer<UInt8>) -> Bool {
            p < end && p.pointee &- UInt8(ascii: "0") < 10
        }
        if p.pointee == UInt8(ascii: "-") { p += 1 }
        guard isDigit(p) else { return nil }
        if p.pointee == UInt8(ascii: "0") { p += 1 } else { while isDigit(p) { p += 1 } }
        if p < end && p.pointee == UInt8(ascii: ".") {
            p += 1
            guard isDigit(p) else { return nil }
            while isDigit(p) { p += 1 }
        }
        if p < end && (p.pointee | 0x20) == UInt8(ascii: "e") {
            p += 1
            if p < end && (p.pointee == UInt8(ascii: "+") || p.pointee == UInt8(ascii: "-")) { p += 1 }
            guard isDigit(p) else { return nil }
            while isDigit(p) { p += 1 }
        }
        return p
    }

    /// Whether the bytes at `p` spell `literal`.
    static func matches(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard end - p >= count else { return false }
        return memcmp(p, literal.utf8Start, count) == 0
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
