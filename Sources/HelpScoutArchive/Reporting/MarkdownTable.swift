/// A Markdown table whose columns are padded to line up in a terminal as well as on GitHub.
struct MarkdownTable {
    enum Alignment { case left, right }

    private let header: [String]
    private let alignments: [Alignment]
    private var rows: [[String]] = []

    /// Columns named `header`; a name starting with `>` is right-aligned (the `>` is dropped).
    init(_ header: [String]) {
        self.header = header.map { $0.hasPrefix(">") ? String($0.dropFirst()) : $0 }
        alignments = header.map { $0.hasPrefix(">") ? .right : .left }
    }

    /// Adds a row of cells that are already Markdown (escape text from archives with `escapedForMarkdown`).
    mutating func add(_ cells: [String]) { rows.append(cells) }

    /// The table's text: the header, the rule that aligns each column, the rows.
    func render() -> String {
        let widths = header.indices.map { column in
            ([header[column]] + rows.map { $0[column] }).map(\.count).max()!
        }
        func line(_ cells: [String]) -> String {
            "| "
                + cells.enumerated().map { column, cell in
                    let padding = String(repeating: " ", count: widths[column] - cell.count)
                    return alignments[column] == .right ? padding + cell : cell + padding
                }.joined(separator: " | ") + " |\n"
        }
        let rule =
            "|"
            + widths.enumerated().map { column, width in
                alignments[column] == .right
                    ? String(repeating: "-", count: width + 1) + ":" : String(repeating: "-", count: width + 2)
            }.joined(separator: "|") + "|\n"
        return line(header) + rule + rows.map(line).joined()
    }
}
