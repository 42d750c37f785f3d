extension String {
    /// The string as a JSON string literal: quotes and backslashes escaped, and every control
    /// character (C0, DEL and C1) and line or paragraph separator as `\uXXXX`, so no value can start
    /// a new line of output.
    var jsonQuoted: String {
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
            let value = scalar.value
            if value < 0x20 || (value >= 0x7F && value < 0xA0) || value == 0x2028 || value == 0x2029 {
                let hex = String(value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }
}
