/// Why bytes are not the JSON the parser accepts, and where. A plain value (no strings inside), so
/// passing "no error" around the parse loop costs nothing.
package struct JSONSyntaxError: Error, Sendable, Equatable {
    package enum Kind: Sendable, Equatable {
        case empty
        case tooDeep
        case invalidUTF8
        case invalid(Problem)
    }

    package enum Problem: UInt8, Sendable {
        case unexpectedEnd, expectedKey, expectedColon, dataAfterValue, expectedCommaOrBrace, expectedCommaOrBracket,
            unterminatedString, invalidEscape, controlCharacter, unknownLiteral, malformedNumber, unexpectedCharacter,
            tooLong

        package var description: String {
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

    package let kind: Kind
    package let offset: Int

    /// A phrase for an audit reason, e.g. "nests deeper than 64 levels".
    package var description: String {
        switch kind {
        case .empty: return "is empty"
        case .tooDeep: return "nests deeper than \(JSONTape.maxDepth) levels"
        case .invalidUTF8: return "is not valid UTF-8 (byte \(offset + 1))"
        case .invalid(let problem): return "is not valid JSON: \(problem.description) at byte \(offset + 1)"
        }
    }
}
