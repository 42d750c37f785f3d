import Dispatch

/// What `report` gathers while a run goes: it streams the audit into the report folder as findings
/// arrive and keeps the facts; when the run is over, it renders and writes the other files. The
/// caller commits the folder.
package final class ReportRun: RunObserver {
    private let folder: ReportFolder
    private let audit: AuditCSV
    private var excerpt: AuditExcerpt
    private var store: FactStore
    private var writeError: OutputFile.WriteError?
    /// Called for each input that could not be read to its end.
    package var onFailure: ((InputFailure) -> Void)?

    /// Starts `audit.csv` in the folder's staging area.
    /// - Parameters:
    ///   - timeZone: the zone of the report's days and weeks.
    ///   - officeHours: the office hours response times are also measured in, if any.
    ///   - window: the instants the metrics are about.
    package init(
        folder: ReportFolder, inputNames: [String], timeZone: ReportTimeZone = .utc, officeHours: OfficeHours? = nil,
        window: ReportWindow = .unbounded
    ) throws(OutputFile.WriteError) {
        self.folder = folder
        store = FactStore(timeZone: timeZone, officeHours: officeHours, window: window)
        excerpt = AuditExcerpt(timeZone: timeZone)
        audit = try AuditCSV(file: folder.create(ReportFiles.audit), inputNames: inputNames)
    }

    package func record(event: DecodedEvent, at position: ArchivePosition) {
        store.record(event)
    }

    package func record(finding: Finding) {
        guard writeError == nil, finding.status.isAudited else { return }
        excerpt.add(finding)
        do { try audit.append(finding) } catch { writeError = error }
    }

    package func record(failure: InputFailure) { onFailure?(failure) }

    /// Lets `body` change the facts: a merge adds each partial's.
    package func updateFacts<Result, Failure: Error>(
        _ body: (inout FactStore) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try body(&store)
    }

    /// The audit names the inputs a merge reads from each partial.
    package func named(inputs names: [String]) { audit.name(inputs: names) }

    /// The conversations the verified events concern (deleted and merged ones included).
    package var conversationCount: Int? { store.conversationCount }

    /// The error that stopped the audit's writing, if any (the rest of the run went on).
    package var auditWriteError: OutputFile.WriteError? { writeError }

    /// Computes the metrics and writes the remaining files into the folder's staging area:
    /// `summary.json` describes the run as `run` says it ends.
    package func writeFiles(summary: RunSummary, run: RunDescription) throws(OutputFile.WriteError) {
        if let writeError { throw writeError }
        let analytics = AnalyticsResult(store: store)
        let files =
            ReportRendering.files(summary: summary, analytics: analytics, audit: excerpt)
            + [(ReportFiles.summary, SummaryJSON.render(summary: summary, run: run))]
        // The audit's end and the files are written side by side: each waits for the disk at its
        // close (`fsync`), and the waits overlap. The first error in this order is the one thrown.
        // The audit is handed over in a slot: the one iteration that closes it takes it out.
        let folder = folder, audit = ConcurrentSlots([audit])
        let errors = ConcurrentSlots<OutputFile.WriteError?>(Array(repeating: nil, count: files.count + 1))
        WaitingWork.perform(iterations: files.count + 1) { index in
            do throws(OutputFile.WriteError) {
                if index == 0 {
                    try audit.take(0).close()
                } else {
                    try folder.write(files[index - 1].name, files[index - 1].text)
                }
            } catch {
                errors.put(index, error)
            }
        }
        if let error = errors.takeAll().lazy.compactMap({ $0 }).first { throw error }
    }
}
