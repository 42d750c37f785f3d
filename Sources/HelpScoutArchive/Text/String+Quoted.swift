extension String {
    /// The string as a JSON string literal: quotes and backslashes escaped, and every control or
    /// hidden formatting character (C0, DEL, C1, bidi controls, zero-width characters, line and
    /// paragraph separators) as `\uXXXX`, so no value can start a new line of output or reorder
    /// what is shown. JSON reads the escapes back into the same text.
    package var jsonQuoted: String {
        var result = "\""
        for scalar in unicodeScalars { Self.appendEscaped(scalar, to: &result) }
        return result + "\""
    }

    /// The string quoted for a finding's reason, as `jsonQuoted` but cut to `limit` characters.
    func quotedForReason(limit: Int = 80) -> String {
        var result = "\""
        for (index, scalar) in unicodeScalars.enumerated() {
            if index == limit {
                result += "…"
                break
            }
            Self.appendEscaped(scalar, to: &result)
        }
        return result + "\""
    }

    private static func appendEscaped(_ scalar: Unicode.Scalar, to result: inout String) {
        switch scalar {
        case "\"": result += "\\\""
        case "\\": result += "\\\\"
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        default:
            guard scalar.isHiddenOrControl else {
                result.unicodeScalars.append(scalar)
                return
            }
            if scalar.value > 0xFFFF {
                // JSON spells a scalar beyond the first plane as its UTF-16 surrogate pair.
                let offset = scalar.value - 0x10000
                result += "\\u" + Unicode.Scalar.fourHexDigits(0xD800 + (offset >> 10))
                result += "\\u" + Unicode.Scalar.fourHexDigits(0xDC00 + (offset & 0x3FF))
            } else {
                result += "\\u" + Unicode.Scalar.fourHexDigits(scalar.value)
            }
        }
    }
}

extension String? {
    /// The string as a JSON string literal (`jsonQuoted`), or `null`.
    var jsonQuotedOrNull: String { map(\.jsonQuoted) ?? "null" }
}
