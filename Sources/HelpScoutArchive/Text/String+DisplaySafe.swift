/// Text from archives made safe to show: no value may move a terminal's cursor, start a line of its
/// own, run an escape sequence or reorder what is shown around it.
extension Unicode.Scalar {
    /// Whether showing the scalar as it is could change how the text around it reads, or hide
    /// something in it: controls (C0, DEL, C1), format characters (bidi embeddings, overrides and
    /// isolates, zero-width spaces and joiners, the byte-order mark, soft hyphen, tag characters),
    /// the line and paragraph separators, and the variation selectors that choose no presentation
    /// (which can carry hidden bytes); U+FE0E and U+FE0F, text and emoji presentation, are shown.
    var isHiddenOrControl: Bool {
        let value = value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return true }
        if value < 0xAD { return false }
        if (0xFE00...0xFE0D).contains(value) || (0xE0100...0xE01EF).contains(value) { return true }
        switch properties.generalCategory {
        case .format, .lineSeparator, .paragraphSeparator, .control: return true
        default: return false
        }
    }

    fileprivate var isPictographic: Bool { value >= 0x80 && properties.isEmoji }
}

extension Character {
    /// Whether the hidden scalar at `index` of this character is part of a well-formed emoji: a
    /// zero-width joiner between two emoji (👩‍💻), or the tags of a subdivision flag (🏴 followed
    /// by lower-case letters or digits and the cancel tag).
    fileprivate func joinsEmoji(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let value = scalars[index].value
        if value == 0x200D {
            return index > 0 && index + 1 < scalars.count && scalars[index + 1].isPictographic
                && (scalars[index - 1].isPictographic || scalars[index - 1].value == 0xFE0F
                    || scalars[index - 1].properties.isEmojiModifier)
        }
        guard (0xE0020...0xE007F).contains(value), scalars.first?.value == 0x1F3F4, scalars.last?.value == 0xE007F
        else { return false }
        return scalars.dropFirst().allSatisfy { tag in
            tag.value == 0xE007F || (0xE0030...0xE0039).contains(tag.value) || (0xE0061...0xE007A).contains(tag.value)
        }
    }
}

extension String {
    /// The text with every control and hidden formatting character written as a visible escape
    /// (`\n`, `\t`, `\u001b`, `\u202e`), so that it can be printed to a terminal or a file a person
    /// reads; emoji sequences keep their joiners. Text that needs nothing is returned as it is.
    package var displaySafe: String {
        // Through `withUTF8`: the `utf8` view, a byte at a time, costs several times as much.
        var text = self
        if text.withUTF8({ $0.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }) { return self }
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            guard character.unicodeScalars.contains(where: \.isHiddenOrControl) else {
                result.append(character)
                continue
            }
            let scalars = Array(character.unicodeScalars)
            for (index, scalar) in scalars.enumerated() {
                if scalar.isHiddenOrControl && !character.joinsEmoji(scalars, at: index) {
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
