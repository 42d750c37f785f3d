import Foundation

/// Builds the report folder's files from a run: streams the audit as findings arrive, gathers the
/// facts, and writes the other files when the run is over; the caller commits the folder.
public final class ReportBuilder: RunObserver {
    /// Findings kept for `report.md`; all of them are in `audit.csv`.
    public static let findingsShown = 25

    private let folder: ReportFolder
    private let audit: AuditCSV
    private let inputNames: [String]
    private var store = FactStore()
    private var shownFindings: [Finding] = []
    private var writeError: OutputFile.WriteError?
    /// Called for each input that could not be read to its end.
    public var onFailure: ((InputFailure) -> Void)?

    public init(folder: ReportFolder, inputNames: [String]) throws(OutputFile.WriteError) {
        self.folder = folder
        self.inputNames = inputNames
        audit = try AuditCSV(file: folder.create(ReportFiles.audit), inputNames: inputNames)
    }

    public func record(event: DecodedEvent, at position: ArchivePosition) {
        store.record(event)
    }

    public func record(finding: Finding) {
        guard writeError == nil, finding.status.isAudited else { return }
        if shownFindings.count < Self.findingsShown || (finding.status == .forged && shownFindings.filter({ $0.status == .forged }).count < Self.findingsShown) {
            shownFindings.append(finding)
        }
        do { try audit.append(finding) } catch { writeError = error }
    }

    public func record(failure: InputFailure) { onFailure?(failure) }

    /// How many conversations the verified events concern (deleted ones included).
    public var conversationCount: Int { store.conversations.count }

    /// The error that stopped the audit's writing, if any (the rest of the run went on).
    public var auditWriteError: OutputFile.WriteError? { writeError }

    /// Computes the metrics and writes the remaining files into the folder's staging area.
    public func writeFiles(summary: RunSummary) throws(OutputFile.WriteError) {
        if let writeError { throw writeError }
        try audit.close()
        let analytics = Analytics(store: store)
        let markdown = MarkdownReport(summary: summary, analytics: analytics, findings: shownFindings, inputNames: inputNames)
        let files: [(name: String, render: @Sendable () -> String)] = [
            (ReportFiles.integrity, { IntegrityCSV.render(summary) }),
            (ReportFiles.events, { AnalyticsCSV.events(analytics) }),
            (ReportFiles.responseTimes, { AnalyticsCSV.responseTimes(analytics) }),
            (ReportFiles.assignmentChurn, { AnalyticsCSV.assignmentChurn(analytics) }),
            (ReportFiles.agentAssignments, { AnalyticsCSV.agentAssignments(analytics) }),
            (ReportFiles.tags, { AnalyticsCSV.tags(analytics) }),
            (ReportFiles.csat, { AnalyticsCSV.csat(analytics) }),
            (ReportFiles.markdown, { markdown.render() }),
        ]
        // Rendered on every core (the run's last few tens of milliseconds otherwise use one), then
        // written in this order.
        let texts = ConcurrentSlots<String?>(Array(repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { texts.put($0, files[$0].render()) }
        for (index, file) in files.enumerated() { try folder.write(file.name, texts.take(index)!) }
    }
}
