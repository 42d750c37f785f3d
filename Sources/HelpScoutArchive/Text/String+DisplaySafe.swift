/// Text from archives made safe to show: no value may move a terminal's cursor, start a line of its
/// own, run an escape sequence or reorder what is shown around it.
extension Unicode.Scalar {
    /// Whether showing the scalar as it is could change how the text around it reads: controls (C0,
    /// DEL, C1), format characters (bidi embeddings, overrides and isolates, zero-width spaces and
    /// joiners, the byte-order mark, soft hyphen) and the line and paragraph separators.
    var isHiddenOrControl: Bool {
        let value = value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return true }
        if value < 0xAD { return false }
        switch properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control: return true
        default: return false
        }
    }

    /// Joiners and tags that belong inside an emoji sequence (👩‍💻, subdivision flags).
    fileprivate var joinsEmoji: Bool {
        value == 0x200D || (0xE0020...0xE007F).contains(value)
    }
}

extension String {
    /// The text with every control and hidden formatting character written as a visible escape
    /// (`\n`, `\t`, `\u001b`, `\u202e`), so that it can be printed to a terminal or a file a person
    /// reads; emoji sequences keep their joiners. Text that needs nothing is returned as it is.
    public var displaySafe: String {
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return self }
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            let scalars = character.unicodeScalars
            guard scalars.contains(where: \.isHiddenOrControl) else {
                result.append(character)
                continue
            }
            let isEmoji = scalars.first.map { $0.value >= 0x80 && $0.properties.isEmoji } ?? false
            for scalar in scalars {
                if scalar.isHiddenOrControl && !(isEmoji && scalar.joinsEmoji) {
                    result += scalar.displayEscape
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}

extension Unicode.Scalar {
    /// `\n`, `\r`, `\t`, else `\u` and four hex digits (`\u{…}` beyond the first plane).
    var displayEscape: String {
        switch value {
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0x10000...: return "\\u{" + String(value, radix: 16) + "}"
        default: return "\\u" + Self.fourHexDigits(value)
        }
    }

    static func fourHexDigits(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
