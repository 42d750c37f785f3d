/// Writes RFC 4180 CSV with `\n` line ends, neutralising cells a spreadsheet would run.
package struct CSVWriter {
    package private(set) var text = ""

    package init(header: [String]) {
        writeRow(header)
    }

    /// Appends one row.
    package mutating func writeRow(_ cells: [String]) {
        Self.append(cells, to: &text)
    }

    /// One row with its `\n`.
    package static func row(_ cells: [String]) -> String {
        var row = ""
        append(cells, to: &row)
        return row
    }

    private static func append(_ cells: [String], to text: inout String) {
        for (index, value) in cells.enumerated() {
            if index > 0 { text += "," }
            text += cell(value)
        }
        text += "\n"
    }

    /// One cell: prefixed with `'` when it starts with `=`, `+`, `-`, `@`, tab or carriage return
    /// (so spreadsheets do not run it as a formula), controls and hidden formatting characters
    /// written as escapes (`displaySafe`, so `cat` cannot run an escape sequence from a cell), then
    /// quoted when it holds a comma, quote or line break. A plain negative number (`-33.33`) is
    /// data, not a formula, and stays as it is.
    package static func cell(_ value: String) -> String {
        // Most cells are counts, ids and plain words: printable ASCII without a comma or quote,
        // starting with nothing a spreadsheet runs, needs nothing (one pass over the bytes).
        let mayRun = value.utf8.first.map { "=+-@".utf8.contains($0) } ?? false
        if !mayRun
            && value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "\"") })
        {
            return value
        }
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), !isPlainNumber(value) {
            value = "'" + value
        }
        value = value.displaySafe
        guard
            value.utf8.contains(where: {
                $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D
            })
        else {
            return value
        }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}

extension CSVWriter {
    /// `-?digits(.digits)?`: what the report writes for numbers.
    static func isPlainNumber(_ value: String) -> Bool {
        var bytes = Substring(value).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        return !bytes.isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }
}
