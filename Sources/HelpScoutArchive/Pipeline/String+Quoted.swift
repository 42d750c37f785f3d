extension String {
    /// The string as a quoted literal for a finding's reason: control characters escaped so a hostile
    /// value cannot start a new line of output, and cut to `limit` characters.
    func quotedForReason(limit: Int = 80) -> String {
        var result = "\""
        for (index, scalar) in unicodeScalars.enumerated() {
            if index == limit {
                result += "…"
                break
            }
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
