/// One JSON value in a `JSONTape`: where it lies in the source bytes and where its subtree ends.
public struct JSONToken: Sendable, Equatable {
    public enum Kind: UInt8, Sendable, CaseIterable { case object, array, string, number, `true`, `false`, null }

    public var kind: Kind
    /// For strings: the content holds a backslash escape, so its bytes are not its value.
    public var hasEscapes: Bool
    /// For strings: an escape names half of a UTF-16 surrogate pair without the other half. Valid
    /// JSON grammar, but the string has no UTF-8 form; decoding writes U+FFFD in its place.
    public var hasUnpairedSurrogate = false
    /// Strings: the first content byte; other values: the first byte.
    public var start: UInt32
    /// Strings: the closing quote; other values: one past the last byte.
    public var end: UInt32
    /// The index of the first token after this value and everything inside it.
    public var next: UInt32
}

/// Why bytes are not the JSON the parser accepts, and where. A plain value (no strings inside), so
/// passing "no error" around the parse loop costs nothing.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case empty
        case tooDeep
        case invalidUTF8
        case invalid(Problem)
    }

    public enum Problem: UInt8, Sendable {
        case unexpectedEnd, expectedKey, expectedColon, dataAfterValue, expectedCommaOrBrace, expectedCommaOrBracket,
             unterminatedString, invalidEscape, controlCharacter, unknownLiteral, malformedNumber, unexpectedCharacter, tooLong

        public var description: String {
            switch self {
            case .unexpectedEnd: return "unexpected end"
            case .expectedKey: return "expected a string key"
            case .expectedColon: return "expected ':'"
            case .dataAfterValue: return "unexpected data after the value"
            case .expectedCommaOrBrace: return "expected ',' or '}'"
            case .expectedCommaOrBracket: return "expected ',' or ']'"
            case .unterminatedString: return "unterminated string"
            case .invalidEscape: return "invalid escape"
            case .controlCharacter: return "control character in string"
            case .unknownLiteral: return "unknown literal"
            case .malformedNumber: return "malformed number"
            case .unexpectedCharacter: return "unexpected character"
            case .tooLong: return "text longer than 4 GiB"
            }
        }
    }

    public let kind: Kind
    public let offset: Int

    /// A phrase for an audit reason, e.g. "nests deeper than 64 levels".
    public var description: String {
        switch kind {
        case .empty: return "is empty"
        case .tooDeep: return "nests deeper than \(JSONTape.maxDepth) levels"
        case .invalidUTF8: return "is not valid UTF-8 (byte \(offset + 1))"
        case .invalid(let problem): return "is not valid JSON: \(problem.description) at byte \(offset + 1)"
        }
    }
}
