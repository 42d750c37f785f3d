import ArgumentParser
import HelpScoutArchive

/// A report folder being written, from the check of the folder before any input is read to the
/// swap that publishes it: what `report` and `merge` share once they have a run's summary.
struct ReportSession {
    let folder: ReportFolder
    let builder: ReportRun
    private let unchanged: String

    /// Checks and locks the folder, and starts the report in its staging area.
    /// - Parameters:
    ///   - inputPaths: the files read, which the folder may not hold.
    ///   - inputNames: the names `audit.csv` gives them.
    ///   - officeHours: `shape.schedule()`, read before the folder is locked.
    init(shape: ReportShapeOptions, officeHours: OfficeHours?, inputPaths: [RawPath], inputNames: [String]) throws {
        let name = RawArguments.path(shape.out).displayName
        let folder: ReportFolder
        do {
            folder = try ReportFolder(out: RawArguments.path(shape.out), inputs: inputPaths) {
                Diagnostics.note("waiting for another hsarchive run that is writing \(name) to finish")
            }
        } catch {
            Diagnostics.error(error.message)
            throw ExitStatus.failure.code
        }
        Interrupts.onInterrupt {
            folder.discard()
                ? "interrupted: no report was written, and the previous report in \(folder.name), if any, is unchanged"
                : "interrupted after the report was written to \(folder.name)"
        }
        do {
            try folder.createStaging()
            builder = try ReportRun(
                folder: folder, inputNames: inputNames, timeZone: shape.timeZone.zone, officeHours: officeHours,
                window: shape.window)
        } catch {
            Interrupts.clear()
            folder.discard()
            Diagnostics.error(Self.message(error))
            throw ExitStatus.failure.code
        }
        self.folder = folder
        unchanged = "the previous report in \(folder.name), if any, is unchanged"
    }

    /// Leaves the previous report as it was, after saying why.
    func abandon(_ message: String) {
        Interrupts.clear()
        folder.discard()
        Diagnostics.error("\(message); no report was written and \(unchanged)")
    }

    /// Writes the remaining files and swaps the folder in, unless the run cannot be trusted.
    /// - Parameter keys: how many secrets verified the run, for the message when none matched.
    /// - Throws: the exit status, when it is not success.
    func finish(summary: RunSummary, keys: Int, recording: RunRecording, strict: Bool) throws {
        defer { Interrupts.clear() }
        KeptUntilExit.keep(builder)
        if summary.explainUntrustworthyRun(keys: keys, consequence: "no report was written and \(unchanged)") {
            folder.discard()
            throw summary.exitStatus(failingOnForgeries: strict).code
        }
        do {
            if let error = builder.auditWriteError { throw error }
            let status = summary.exitStatus(failingOnForgeries: strict)
            try builder.writeFiles(summary: summary, run: recording.description(status: status))
            try folder.commit()
        } catch {
            folder.discard()
            let kept = (error as? ReportFolderError)?.keptPreviousReport ?? true
            Diagnostics.error(kept ? "\(Self.message(error)); \(unchanged)" : Self.message(error))
            throw ExitStatus.failure.code
        }
        if let leftover = folder.leftover {
            Diagnostics.warning(
                "the previous report was left in \(leftover): files hsarchive did not write appeared in it while it was replaced"
            )
        }
        let conversations = summary.conversationCount ?? 0
        Diagnostics.note(
            "\(summary.oneLine); \(conversations) conversation\(conversations == 1 ? "" : "s"); report written to \(folder.name)/"
        )
        let audited = summary.count(.forged) + summary.count(.unsigned)
        if audited > 0 {
            Diagnostics.warning(
                "\(summary.count(.forged)) forged and \(summary.count(.unsigned)) unsigned deliveries were left out; see \(folder.name)/audit.csv"
            )
        }
        let status = summary.exitStatus(failingOnForgeries: strict)
        if status != .success { throw status.code }
    }

    static func message(_ error: any Error) -> String {
        switch error {
        case let error as ReportFolderError: return error.message
        case let error as OutputFile.WriteError: return error.message
        default: return "\(error)"
        }
    }
}
