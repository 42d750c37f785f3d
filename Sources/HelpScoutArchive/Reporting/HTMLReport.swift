/// Renders `report.html`: report.md's sections as one self-contained page, to be mailed and opened
/// anywhere. It is made from report.md's own text, which hsarchive wrote in a small part of Markdown
/// (headings, paragraphs, call-outs, tables, a preformatted block, images of the charts, strong and
/// code spans, backslash escapes and three entities), so both always say the same; the charts are
/// inlined, the style sheet is inline, and nothing else is: no script, no font, no image or style
/// from anywhere. Every character of text is escaped for HTML.
package enum HTMLReport {
    /// The page for `markdown`, with `charts` (by their path in report.md, `charts/volume.svg`)
    /// drawn inline.
    package static func render(markdown: String, charts: [String: String]) -> String {
        var body = ""
        // The body up to each place the sections' links go (under the title), once every heading is
        // known: joined at the end, where replacing a mark in the whole page cost more than the rest.
        var bodyBeforeNavigation: [String] = []
        var headings: [(id: String, text: String)] = []
        var paragraph: [Substring] = []
        var quote: [Substring] = []
        var table: [Substring] = []
        var preformatted: [Substring]?
        func flush() {
            // A line ending in two spaces is a line break, as in Markdown.
            if !paragraph.isEmpty {
                body +=
                    "<p>"
                    + paragraph.map { $0.hasSuffix("  ") ? inline($0.dropLast(2)) + "<br>" : inline($0) }
                    .joined(separator: "\n") + "</p>\n"
            }
            if !quote.isEmpty { body += "<blockquote>" + quote.map(inline).joined(separator: "\n") + "</blockquote>\n" }
            if !table.isEmpty { body += Self.table(table) }
            paragraph = []
            quote = []
            table = []
        }
        for line in lines(markdown) {
            if var lines = preformatted {
                if line == "```" {
                    body += "<pre>" + lines.map { escaped(String($0)) }.joined(separator: "\n") + "</pre>\n"
                    preformatted = nil
                } else {
                    lines.append(line)
                    preformatted = lines
                }
                continue
            }
            if line == "```" {
                flush()
                preformatted = []
            } else if line.isEmpty {
                flush()
            } else if let level = [3, 2, 1].first(where: { line.hasPrefix(String(repeating: "#", count: $0) + " ") }) {
                flush()
                let text = String(line.dropFirst(level + 1))
                let id = anchor(text, taken: headings.map(\.id))
                if level == 2 { headings.append((id, text)) }
                body += "<h\(level) id=\"\(id)\">\(inline(Substring(text)))</h\(level)>\n"
                if level == 1 {
                    bodyBeforeNavigation.append(body)
                    body = ""
                }
            } else if line.hasPrefix("|") {
                table.append(line)
            } else if line.hasPrefix(">") {
                quote.append(line.dropFirst().drop { $0 == " " })
            } else if line.hasPrefix("!["), let image = image(line), let svg = charts[image.path] {
                flush()
                body += "<figure>\n" + svg + "</figure>\n"
            } else {
                paragraph.append(line)
            }
        }
        flush()
        let title = "Help Scout webhook report"
        var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<meta name=\"generator\" content=\"hsarchive\">\n<title>\(title)</title>\n"
        page += "<style>\n\(styleSheet)</style>\n</head>\n<body>\n<main>\n"
        // The sections' links go under the title.
        var navigation = ""
        if headings.count > 1 {
            navigation = "<nav aria-label=\"Sections\"><ul>"
            navigation += headings.map { "<li><a href=\"#\($0.id)\">\(inline(Substring($0.text)))</a></li>" }.joined()
            navigation += "</ul></nav>\n"
        }
        return page + (bodyBeforeNavigation + [body]).joined(separator: navigation) + "</main>\n</body>\n</html>\n"
    }

    /// `![alt](path)` alone on a line: its path.
    private static func image(_ line: Substring) -> (alt: Substring, path: String)? {
        guard line.hasSuffix(")"), let middle = line.range(of: "](") else { return nil }
        return (
            line[line.index(line.startIndex, offsetBy: 2)..<middle.lowerBound],
            String(line[middle.upperBound...].dropLast())
        )
    }

    /// A heading's id: its letters and digits in lower case joined by `-`, unique in the page.
    private static func anchor(_ text: String, taken: [String]) -> String {
        var id = ""
        for character in text.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                id.append(character)
            } else if !id.isEmpty && !id.hasSuffix("-") {
                id += "-"
            }
        }
        while id.hasSuffix("-") { id.removeLast() }
        if id.isEmpty { id = "section" }
        var unique = id, number = 2
        while taken.contains(unique) {
            unique = "\(id)-\(number)"
            number += 1
        }
        return unique
    }

    /// A Markdown table: its rule's colons give each column's alignment; a cell of bar glyphs
    /// becomes a bar of the same length.
    private static func table(_ lines: [Substring]) -> String {
        guard lines.count >= 2 else { return "" }
        let header = cells(lines[0])
        let numeric = cells(lines[1]).map { $0.hasSuffix(":") }
        var html = "<div class=\"table\"><table>\n<thead><tr>"
        for (column, cell) in header.enumerated() {
            html += "<th\(numeric[safe: column] == true ? " class=\"num\"" : "")>\(inline(cell))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for line in lines.dropFirst(2) {
            html += "<tr>"
            for (column, cell) in cells(line).enumerated() {
                if let width = barWidth(cell) {
                    html += "<td class=\"bar\"><span style=\"width:\(width)%\"></span></td>"
                } else {
                    html += "<td\(numeric[safe: column] == true ? " class=\"num\"" : "")>\(inline(cell))</td>"
                }
            }
            html += "</tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    /// The text's lines: split by bytes (several times as fast as by characters) unless a `\r`
    /// could join a line break into one character, as it never does in report.md.
    private static func lines(_ text: String) -> [Substring] {
        guard !text.utf8.contains(UInt8(ascii: "\r")) else {
            return text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        return text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Substring.init)
    }

    /// The cells of a table row, split at the pipes no backslash escapes, trimmed.
    private static func cells(_ line: Substring) -> [Substring] {
        // A line of ASCII alone, each character a byte, is split by its bytes: several times as fast.
        if line.utf8.allSatisfy({ $0 < 0x80 }) {
            var cells: [Substring] = []
            let bytes = line.utf8
            var start = bytes.index(after: bytes.startIndex)
            var index = start
            while index < bytes.endIndex {
                if bytes[index] == UInt8(ascii: "\\") {
                    index = bytes.index(after: index)
                    if index < bytes.endIndex { index = bytes.index(after: index) }
                    continue
                }
                if bytes[index] == UInt8(ascii: "|") {
                    cells.append(trimmed(line[start..<index]))
                    start = bytes.index(after: index)
                }
                index = bytes.index(after: index)
            }
            return cells
        }
        var cells: [Substring] = []
        var start = line.index(after: line.startIndex)
        var index = start
        while index < line.endIndex {
            if line[index] == "\\" {
                index = line.index(after: index)
                if index < line.endIndex { index = line.index(after: index) }
                continue
            }
            if line[index] == "|" {
                cells.append(trimmed(line[start..<index]))
                start = line.index(after: index)
            }
            index = line.index(after: index)
        }
        return cells
    }

    private static func trimmed(_ text: Substring) -> Substring {
        guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " }) else {
            return ""
        }
        return text[first...last]
    }

    private static let eighths: [Character: Int] = [
        "█": 8, "▉": 7, "▊": 6, "▋": 5, "▌": 4, "▍": 3, "▎": 2, "▏": 1,
    ]

    /// The width in percent of a cell that is a text bar (`TextCharts.bar`, 20 or 10 glyphs wide at
    /// most); nil for any other cell.
    private static func barWidth(_ cell: Substring) -> Int? {
        guard !cell.isEmpty, cell.allSatisfy({ eighths[$0] != nil }) else { return nil }
        let units = cell.reduce(0) { $0 + eighths[$1]! }
        return min(100, units * 100 / 160)
    }

    /// Markdown inline text as HTML: `**strong**`, `` `code` ``, backslash escapes, the entities
    /// report.md writes (`&lt;`, `&gt;`, `&amp;`); every other character escaped.
    /// The bytes `inline` gives a meaning to or escapes.
    private static let markupBytes = Array("\\`*&<>\"'".utf8)

    static func inline(_ text: Substring) -> String {
        // Text without a byte of markup or one to escape is itself (most cells: numbers and words).
        if !text.utf8.contains(where: markupBytes.contains) { return String(text) }
        var html = ""
        var strong = false, code = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "\\" && !code && next < text.endIndex {
                html += escaped(String(text[next]))
                index = text.index(after: next)
                continue
            }
            if character == "`" {
                html += code ? "</code>" : "<code>"
                code.toggle()
            } else if character == "*" && !code && next < text.endIndex && text[next] == "*" {
                html += strong ? "</strong>" : "<strong>"
                strong.toggle()
                index = text.index(after: next)
                continue
            } else if character == "&" && !code,
                let entity = ["&lt;", "&gt;", "&amp;"].first(where: { text[index...].hasPrefix($0) })
            {
                html += entity
                index = text.index(index, offsetBy: entity.count)
                continue
            } else {
                html += escaped(String(character))
            }
            index = next
        }
        if code { html += "</code>" }
        if strong { html += "</strong>" }
        return html
    }

    /// Text with `&`, `<`, `>`, `"` and `'` as entities.
    static func escaped(_ text: String) -> String { text.escapedForMarkup }

    static let styleSheet = """
        :root { color-scheme: light dark; --fg: #24292f; --muted: #57606a; --line: #d0d7de; --bg: #ffffff;
          --soft: #f6f8fa; --bar: #0072B2; --warn: #fff8c5; --warn-line: #d4a72c; }
        @media (prefers-color-scheme: dark) {
          :root { --fg: #e6edf3; --muted: #9198a1; --line: #30363d; --bg: #0d1117; --soft: #161b22;
            --bar: #56B4E9; --warn: #2e2a14; --warn-line: #9e6a03; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1000px; margin: 0 auto; padding: 16px; }
        h1 { font-size: 1.6em; margin: 0.2em 0 0.6em; }
        h2 { font-size: 1.3em; margin: 1.6em 0 0.6em; padding-bottom: 0.2em; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.05em; margin: 1.2em 0 0.5em; }
        nav ul { list-style: none; padding: 0; margin: 0 0 1em; display: flex; flex-wrap: wrap; gap: 4px 14px; }
        nav a { color: var(--bar); }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
        code { background: var(--soft); padding: 0 0.25em; border-radius: 4px; }
        pre { background: var(--soft); padding: 10px; overflow-x: auto; line-height: 1.25; }
        blockquote { margin: 0 0 1em; padding: 8px 12px; background: var(--warn); border-left: 4px solid var(--warn-line); }
        .table { overflow-x: auto; margin: 0 0 1em; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { background: var(--soft); }
        .num { text-align: right; white-space: nowrap; }
        td.bar { min-width: 120px; width: 160px; }
        td.bar span { display: block; height: 0.8em; margin-top: 0.35em; background: var(--bar); border-radius: 2px; }
        figure { margin: 0 0 1em; overflow-x: auto; }
        figure svg { max-width: 100%; height: auto; }
        @media (max-width: 600px) {
          body { font-size: 14px; }
          main { padding: 10px; }
          th, td { padding: 3px 6px; }
          td.bar { min-width: 60px; }
          /* A chart shrunk to a phone's width would have 6 px text: it keeps 540 px and scrolls. */
          figure svg { max-width: none; width: 540px; }
        }
        @media print {
          :root { --fg: #000; --muted: #333; --line: #999; --bg: #fff; --soft: #eee; --bar: #0072B2; }
          body { font-size: 11pt; }
          main { max-width: none; padding: 0; }
          nav { display: none; }
          h2 { break-after: avoid; }
          figure, tr, blockquote { break-inside: avoid; }
          .table { overflow: visible; }
          td.bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
          /* The charts' own dark scheme does not reach paper. */
          figure svg .background { fill: #fff !important; }
          figure svg text { fill: #24292f !important; }
          figure svg .note { fill: #57606a !important; }
          figure svg .grid { stroke: #d0d7de !important; }
          figure svg .axis { stroke: #57606a !important; }
          figure svg .empty { fill: #f6f8fa !important; }
          figure svg { max-width: 100%; width: auto; }
        }

        """
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
