/// Builds the report folder from a run: streams the audit as findings arrive and writes the other
/// files when the run is over.
public final class ReportBuilder: RunObserver {
    private let folder: ReportFolder
    private let audit: AuditCSV
    private var writeError: OutputFile.WriteError?
    /// Called for each input that could not be read to its end.
    public var onFailure: ((InputFailure) -> Void)?

    public init(folder: ReportFolder, inputNames: [String]) throws(OutputFile.WriteError) {
        self.folder = folder
        audit = try AuditCSV(path: folder.path("audit.csv"), inputNames: inputNames)
    }

    public func record(finding: Finding) {
        guard writeError == nil, finding.status.isAudited else { return }
        do { try audit.append(finding) } catch { writeError = error }
    }

    public func record(failure: InputFailure) { onFailure?(failure) }

    /// Writes the remaining files and moves the folder into place.
    public func finish(summary: RunSummary) throws(OutputFile.WriteError) {
        if let writeError { throw writeError }
        try audit.close()
        try folder.write("integrity.csv", IntegrityCSV.render(summary))
        try folder.commit()
    }
}
