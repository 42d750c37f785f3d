extension String {
    /// The text with `&`, `<`, `>`, `"` and `'` as entities: safe as the text or an attribute value
    /// of HTML, SVG and XML.
    var escapedForMarkup: String {
        var escaped = ""
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
