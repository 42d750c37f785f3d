/// Writes RFC 4180 CSV with `\n` line ends, neutralising cells a spreadsheet would run.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String]) {
        writeRow(header)
    }

    /// Appends one row.
    public mutating func writeRow(_ cells: [String]) {
        text += Self.row(cells)
    }

    /// One row with its `\n`.
    public static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\n"
    }

    /// One cell: prefixed with `'` when it starts with `=`, `+`, `-`, `@`, tab or carriage return
    /// (so spreadsheets do not run it as a formula), then quoted when it holds a comma, quote or
    /// line break.
    public static func cell(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
