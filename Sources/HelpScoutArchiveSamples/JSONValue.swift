/// A JSON document with ordered keys, written byte for byte as asked: what fixtures and sample
/// archives sign, so a signature can never drift from its body.
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int64)
    case bool(Bool)
    case null

    /// How strings are escaped, to produce the different byte forms of one document.
    public struct Style: Sendable {
        /// Write `/` as `\/`, as PHP's `json_encode` does.
        public var escapesSlashes = false
        /// Write non-ASCII characters as `\uXXXX` escapes.
        public var asciiOnly = false

        public init(escapesSlashes: Bool = false, asciiOnly: Bool = false) {
            self.escapesSlashes = escapesSlashes
            self.asciiOnly = asciiOnly
        }
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    /// The compact serialisation.
    public func serialized(_ style: Style = Style()) -> String {
        var output = ""
        write(to: &output, style)
        return output
    }

    private func write(to output: inout String, _ style: Style) {
        switch self {
        case .object(let members):
            output += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output, style)
                output += ":"
                value.write(to: &output, style)
            }
            output += "}"
        case .array(let elements):
            output += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { output += "," }
                element.write(to: &output, style)
            }
            output += "]"
        case .string(let text): Self.writeString(text, to: &output, style)
        case .int(let value): output += String(value)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        }
    }

    /// Writes `text` as a JSON string literal.
    public static func writeString(_ text: String, to output: inout String, _ style: Style = Style()) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "/" where style.escapesSlashes: output += "\\/"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            default:
                if scalar.value < 0x20 || (style.asciiOnly && scalar.value >= 0x80) {
                    for unit in String(scalar).utf16 { output += "\\u" + hex4(unit) }
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
