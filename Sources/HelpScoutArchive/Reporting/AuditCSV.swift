/// Streams `audit.csv`: one row per forged, unsigned, malformed or undecodable line, in archive order.
package final class AuditCSV {
    package static let header = ["file", "line", "delivery_id", "event_type", "status", "reason"]

    private let file: OutputFile
    /// Each input's name as its `file` cell, escaped once per input (a merge writes every finding of
    /// every partial, and the name is most of a row).
    private var inputCells: [[UInt8]]
    /// The row being written, its memory kept from one row to the next.
    private var row: [UInt8] = []

    package init(file: OutputFile, inputNames: [String]) throws(OutputFile.WriteError) {
        self.file = file
        inputCells = inputNames.map(Self.cell)
        try file.write(CSVWriter.row(Self.header))
    }

    /// Names the inputs that follow those named before.
    package func name(inputs names: [String]) { inputCells += names.map(Self.cell) }

    private static func cell(_ name: String) -> [UInt8] { Array(CSVWriter.cell(name).utf8) }

    package func append(_ finding: Finding) throws(OutputFile.WriteError) {
        defer { row.removeAll(keepingCapacity: true) }
        row += inputCells[finding.position.input]
        row.append(UInt8(ascii: ","))
        CSVWriter.append(
            row: [
                .number(Int64(finding.position.line)), .text(finding.deliveryId ?? ""),
                .text(finding.eventType ?? ""), .text(finding.status.rawValue), .text(finding.reason),
            ], to: &row)
        try file.write(bytes: row)
    }

    package func close() throws(OutputFile.WriteError) { try file.close() }
}
