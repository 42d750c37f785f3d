/// Writes SVG text element by element. Every attribute value and every text is escaped for XML
/// (and made display-safe first: names and tags come from archives), numbers are written with one
/// decimal, independent of locale, so the same chart is always the same bytes.
struct SVGWriter {
    private(set) var text = ""
    private var open: [String] = []

    /// An attribute's value: text, or a number written with one decimal (trailing `.0` dropped).
    enum Value: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
        case text(String)
        case number(Double)

        init(stringLiteral value: String) { self = .text(value) }
        init(floatLiteral value: Double) { self = .number(value) }
        init(integerLiteral value: Int) { self = .number(Double(value)) }

        var written: String {
            switch self {
            case .text(let text): return SVGWriter.escaped(text)
            case .number(let number):
                let text = decimal(number, places: 1)
                return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
            }
        }
    }

    /// `<svg …>` with the namespace, a `viewBox` of `width` × `height`, and `role="img"`; `id` makes
    /// the title's and description's ids unique in a page that shows several charts inline.
    init(width: Int, height: Int, id: String, title: String, description: String) {
        text =
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(width)" height="\#(height)" "#
            + #"viewBox="0 0 \#(width) \#(height)" role="img" aria-labelledby="\#(id)-title \#(id)-desc">"# + "\n"
        open.append("svg")
        element("title", ["id": .text(id + "-title")], text: title)
        element("desc", ["id": .text(id + "-desc")], text: description)
    }

    /// Opens `name`; attributes are written in the order of their names.
    mutating func begin(_ name: String, _ attributes: [String: Value] = [:]) {
        text += "<\(name)\(Self.attributes(attributes))>\n"
        open.append(name)
    }

    mutating func end() {
        text += "</\(open.removeLast())>\n"
    }

    /// A whole element, empty or with `text`.
    mutating func element(_ name: String, _ attributes: [String: Value] = [:], text content: String? = nil) {
        if let content {
            text += "<\(name)\(Self.attributes(attributes))>\(Self.escaped(content))</\(name)>\n"
        } else {
            text += "<\(name)\(Self.attributes(attributes))/>\n"
        }
    }

    /// Raw markup hsarchive wrote itself (a style sheet): never text from an archive.
    mutating func raw(_ markup: StaticString) { text += "\(markup)\n" }

    /// The document, its open elements closed.
    consuming func finished() -> String {
        while !open.isEmpty { end() }
        return text
    }

    private static func attributes(_ attributes: [String: Value]) -> String {
        attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\"\($0.value.written)\"" }.joined()
    }

    /// Display-safe text with `&`, `<`, `>`, `"` and `'` as entities.
    static func escaped(_ text: String) -> String { text.displaySafe.escapedForMarkup }
}
