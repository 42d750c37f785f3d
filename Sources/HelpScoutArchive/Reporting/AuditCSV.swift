/// Streams `audit.csv`: one row per forged, unsigned, malformed or undecodable line, in archive order.
public final class AuditCSV {
    public static let header = ["file", "line", "delivery_id", "event_type", "status", "reason"]

    private let file: OutputFile
    private let inputNames: [String]

    public init(file: OutputFile, inputNames: [String]) throws(OutputFile.WriteError) {
        self.file = file
        self.inputNames = inputNames
        try file.write(CSVWriter.row(Self.header))
    }

    public func append(_ finding: Finding) throws(OutputFile.WriteError) {
        try file.write(CSVWriter.row([
            inputNames[finding.position.input], String(finding.position.line), finding.deliveryId ?? "",
            finding.eventType ?? "", finding.status.rawValue, finding.reason,
        ]))
    }

    public func close() throws(OutputFile.WriteError) { try file.close() }
}
