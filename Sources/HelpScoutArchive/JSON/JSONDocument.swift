#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A parsed JSON text as the tape left it: its tokens and its source bytes, read without copying.
///
/// A view is a value, so reading it costs no runtime exclusivity checks; it is valid until the tape
/// parses again or the source goes away.
package struct JSONDocument {
    package let tokens: UnsafeBufferPointer<JSONToken>
    package let source: UnsafeRawBufferPointer

    /// No document: what a tape shows before its first parse.
    package static var empty: JSONDocument {
        JSONDocument(
            tokens: UnsafeBufferPointer(start: nil, count: 0),
            source: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// The token index of the root value.
    package var root: Int { 0 }

    package func kind(_ index: Int) -> JSONToken.Kind { tokens[index].kind }

    /// The value of `key` in the object at `object` (the last one when a key repeats), or nil.
    package func member(_ object: Int, _ key: StaticString) -> Int? {
        guard tokens[object].kind == .object else { return nil }
        var found: Int?
        var index = object + 1
        let end = Int(tokens[object].next)
        while index < end {
            if keyEquals(index, key) { found = index + 1 }
            index = Int(tokens[index + 1].next)
        }
        return found
    }

    /// Calls `body` with the key and value index of each member of the object at `object`.
    package func forEachMember(_ object: Int, _ body: (_ key: Int, _ value: Int) -> Void) {
        guard tokens[object].kind == .object else { return }
        var index = object + 1
        let end = Int(tokens[object].next)
        while index < end {
            body(index, index + 1)
            index = Int(tokens[index + 1].next)
        }
    }

    /// Calls `body` with the index of each element of the array at `array`.
    package func forEachElement(_ array: Int, _ body: (Int) -> Void) {
        guard tokens[array].kind == .array else { return }
        var index = array + 1
        let end = Int(tokens[array].next)
        while index < end {
            body(index)
            index = Int(tokens[index].next)
        }
    }

    /// How many elements the array at `array` has (0 when it is not an array).
    package func count(_ array: Int) -> Int {
        var count = 0
        forEachElement(array) { _ in count += 1 }
        return count
    }

    /// The first element of the array at `array`, or nil when it is empty.
    package func firstElement(_ array: Int) -> Int? {
        guard tokens[array].kind == .array, array + 1 < Int(tokens[array].next) else { return nil }
        return array + 1
    }

    /// The raw bytes of a token: a string's content between its quotes (still escaped), or a
    /// scalar's literal.
    package func rawBytes(_ index: Int) -> UnsafeRawBufferPointer {
        let token = tokens[index]
        return UnsafeRawBufferPointer(rebasing: source[Int(token.start)..<Int(token.end)])
    }

    /// Whether the string token at `index` equals `key` exactly.
    package func keyEquals(_ index: Int, _ key: StaticString) -> Bool {
        let token = tokens[index]
        guard token.kind == .string else { return false }
        if token.hasEscapes { return decodedString(index) == key.description }
        let count = Int(token.end - token.start)
        return count == key.utf8CodeUnitCount
            && memcmp(source.baseAddress! + Int(token.start), key.utf8Start, count) == 0
    }

    /// Whether the string token at `index` equals the lower-case ASCII `key`, ignoring ASCII case.
    package func keyEqualsIgnoringCase(_ index: Int, _ key: StaticString) -> Bool {
        let token = tokens[index]
        guard token.kind == .string else { return false }
        if token.hasEscapes { return decodedString(index).lowercased() == key.description }
        let count = Int(token.end - token.start)
        guard count == key.utf8CodeUnitCount else { return false }
        let bytes = source.baseAddress! + Int(token.start)
        let expected = key.utf8Start
        for i in 0..<count {
            var byte = bytes.load(fromByteOffset: i, as: UInt8.self)
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte |= 0x20 }
            if byte != expected[i] { return false }
        }
        return true
    }

    /// The string token at `index` with its escapes resolved, as a Swift string.
    package func decodedString(_ index: Int) -> String {
        let token = tokens[index]
        guard token.hasEscapes else { return String(decoding: rawBytes(index), as: UTF8.self) }
        return JSONUnescaper.string(rawBytes(index))
    }

    /// The string at `index` decoded, or nil when the token is not a string.
    package func string(_ index: Int?) -> String? {
        guard let index, tokens[index].kind == .string else { return nil }
        return decodedString(index)
    }

    /// The integer at `index`: a JSON integer, or a string of decimal digits; nil when it is neither
    /// or does not fit in 64 bits.
    package func int64(_ index: Int?) -> Int64? {
        guard let index else { return nil }
        let token = tokens[index]
        switch token.kind {
        case .number:
            return Self.parseInteger(rawBytes(index))
        case .string where !token.hasEscapes:
            return Self.parseInteger(rawBytes(index))
        default:
            return nil
        }
    }

    static func parseInteger(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        var negative = false
        var index = 0
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int64(digit))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            index += 1
        }
        return negative ? -value : value
    }
}
