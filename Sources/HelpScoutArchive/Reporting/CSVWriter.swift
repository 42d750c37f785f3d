/// Writes RFC 4180 CSV with `\n` line ends, neutralising cells a spreadsheet would run.
package struct CSVWriter {
    /// The rows written, as UTF-8: appending bytes costs a small fraction of appending to a
    /// `String` (a report's largest CSVs have tens of thousands of rows).
    private var bytes: [UInt8] = []

    /// The rows written.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    package init(header: [String]) {
        writeRow(header)
    }

    /// Appends one row.
    package mutating func writeRow(_ cells: [String]) {
        Self.appendRow(cells, to: &bytes, Self.appendCell)
    }

    /// A cell of a row of `writeRow(_: [Cell])`.
    package enum Cell: ExpressibleByStringLiteral {
        /// Text, written as `cell` says.
        case text(String)
        /// A whole number, its digits written as they are made, without a string in between (the
        /// largest CSV, `assignment_churn.csv`, is rows of numbers).
        case number(Int64)

        package init(stringLiteral value: String) { self = .text(value) }

        /// The number, or `absent` when there is none.
        package static func number(_ value: Int64?, else absent: String) -> Cell {
            value.map(Cell.number) ?? .text(absent)
        }
    }

    /// Appends one row of text and numbers.
    package mutating func writeRow(_ cells: [Cell]) {
        Self.append(row: cells, to: &bytes)
    }

    /// Appends one row of text and numbers, with its `\n`, to `bytes`.
    package static func append(row cells: [Cell], to bytes: inout [UInt8]) {
        appendRow(cells, to: &bytes) { cell, bytes in
            switch cell {
            case .text(let value): appendCell(value, to: &bytes)
            case .number(let value): appendDigits(value, to: &bytes)
            }
        }
    }

    /// One row with its `\n`.
    package static func row(_ cells: [String]) -> String {
        var row: [UInt8] = []
        appendRow(cells, to: &row, appendCell)
        return String(decoding: row, as: UTF8.self)
    }

    /// The cells, each written by `appendCell`, separated by commas, and a `\n`.
    private static func appendRow<Cells: Collection>(
        _ cells: Cells, to bytes: inout [UInt8], _ appendCell: (Cells.Element, inout [UInt8]) -> Void
    ) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendCell(cell, &bytes)
        }
        bytes.append(UInt8(ascii: "\n"))
    }

    /// `String(value)`'s bytes: a minus sign (data, never a formula) and the digits.
    private static func appendDigits(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            // A byte at a time: `append(contentsOf:)` cost more than the digits for so few bytes.
            for index in start..<digits.count { bytes.append(digits[index]) }
        }
    }

    /// One cell: prefixed with `'` when it starts with `=`, `+`, `-`, `@`, tab or carriage return
    /// (so spreadsheets do not run it as a formula), controls and hidden formatting characters
    /// written as escapes (`displaySafe`, so `cat` cannot run an escape sequence from a cell), then
    /// quoted when it holds a comma, quote or line break. A plain negative number (`-33.33`) is
    /// data, not a formula, and stays as it is.
    package static func cell(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendCell(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `cell(value)`'s bytes. Most cells are counts, ids, words and reasons in printable ASCII: one
    /// pass over the bytes (through `withUTF8`: the `utf8` view, a byte at a time, cost ten times as
    /// much) tells whether the cell needs a prefix or quotes, and only the rare others take the
    /// general path, which escapes controls and hidden characters.
    private static func appendCell(_ value: String, to bytes: inout [UInt8]) {
        var value = value
        let scan = value.withUTF8 { CellScan($0) }
        guard scan.isPrintableASCII else {
            var general = generalCell(value)
            general.withUTF8 { bytes.append(contentsOf: $0) }
            return
        }
        let needsPrefix = scan.mayRun && !isPlainNumber(value)
        if scan.needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        if needsPrefix { bytes.append(UInt8(ascii: "'")) }
        value.withUTF8 { utf8 in
            guard scan.needsQuotes else { return bytes.append(contentsOf: utf8) }
            for byte in utf8 {
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            }
        }
        if scan.needsQuotes { bytes.append(UInt8(ascii: "\"")) }
    }

    /// What one pass over a cell's bytes finds.
    private struct CellScan {
        /// Every byte is printable ASCII (0x20-0x7E).
        var isPrintableASCII = true
        /// It holds a comma or a quote.
        var needsQuotes = false
        /// It starts with a byte a spreadsheet may run as a formula: `=`, `+`, `-` or `@`.
        var mayRun = false

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            if let first = bytes.first {
                mayRun =
                    first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                    || first == UInt8(ascii: "@")
            }
            for byte in bytes {
                if byte < 0x20 || byte >= 0x7F { isPrintableASCII = false }
                if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") { needsQuotes = true }
            }
        }
    }

    /// `cell(_:)` for a value with controls, hidden formatting characters or any non-ASCII.
    private static func generalCell(_ value: String) -> String {
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
