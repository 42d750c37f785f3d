/// Streams `audit.csv`: one row per forged, unsigned, malformed or undecodable line, in archive order.
package final class AuditCSV {
    package static let header = ["file", "line", "delivery_id", "event_type", "status", "reason"]

    private let file: OutputFile
    private var inputNames: [String]

    package init(file: OutputFile, inputNames: [String]) throws(OutputFile.WriteError) {
        self.file = file
        self.inputNames = inputNames
        try file.write(CSVWriter.row(Self.header))
    }

    /// Names the inputs that follow those named before.
    package func name(inputs names: [String]) { inputNames += names }

    package func append(_ finding: Finding) throws(OutputFile.WriteError) {
        try file.write(
            CSVWriter.row([
                inputNames[finding.position.input], String(finding.position.line), finding.deliveryId ?? "",
                finding.eventType ?? "", finding.status.rawValue, finding.reason,
            ]))
    }

    package func close() throws(OutputFile.WriteError) { try file.close() }
}
