import ArgumentParser
import Foundation
import HelpScoutArchive

#if canImport(Glibc)
    import Glibc
#endif

/// The record a run leaves for machines: `--summary-json FILE` and `--metrics-file FILE`, written
/// when the run ends however it ends (a metrics file that says the last run failed is what
/// monitoring needs most), and the description that `report`'s `summary.json` renders.
///
/// A run that ends early (the output's reader went away, the output could not be written, a
/// signal) writes them through `endEarly`, with the reason and without counts.
final class RunRecording: @unchecked Sendable {
    private let command: String
    private let settings: [(name: String, value: RunDescription.OptionValue)]
    private let startedAt = RunRecording.now()
    private let summaryFile: ReplaceableFile?
    private let metricsFile: ReplaceableFile?
    /// The run's counts, once the pipeline has run.
    var summary: RunSummary?
    /// The partials `merge` read, once it has read them.
    var partials: [MergedPartial] = []
    /// Guards `written`: the files are written once, by the run's end or by an early end.
    private let lock = NSLock()
    private var written = false

    /// The recording of this process's run, for the early ends.
    nonisolated(unsafe) private static var current: RunRecording?

    /// Checks the files to write before any input is read.
    /// - Parameters:
    ///   - settings: the options that shaped the output, beyond those every command has.
    ///   - reportFolder: `report`'s `--out`, which neither file may be inside.
    /// - Throws: `ExitStatus.failure` after saying why a file may not be written.
    convenience init(
        command: String, options: RunOptions, settings: [(name: String, value: RunDescription.OptionValue)],
        reportFolder: String? = nil
    ) throws {
        try self.init(
            command: command, summaryJSON: options.summaryJSON, metricsFile: options.metricsFile,
            settings: settings + [
                ("secret_file", .text(options.secretFile.map { RawArguments.path($0).string ?? $0 }))
            ],
            reportFolder: reportFolder)
    }

    /// - Parameters:
    ///   - summaryJSON: `--summary-json`, if given.
    ///   - metricsFile: `--metrics-file`, if given.
    init(
        command: String, summaryJSON: String?, metricsFile: String?,
        settings: [(name: String, value: RunDescription.OptionValue)], reportFolder: String? = nil
    ) throws {
        self.command = command
        self.settings = settings
        let summary = summaryJSON.map {
            ReplaceableFile(path: RawArguments.path($0), marker: SummaryJSON.marker, kind: "summary")
        }
        let metrics = metricsFile.map {
            ReplaceableFile(path: RawArguments.path($0), marker: MetricsText.marker, kind: "metrics file")
        }
        var refusals: [String] = []
        var sameFile = false
        if let summary, let metrics, let place = summary.place, place == metrics.place {
            refusals.append("--summary-json and --metrics-file name the same file: give each its own")
            sameFile = true
        }
        // Each file is checked on its own: one refused, the other still records the failure.
        func checked(_ file: ReplaceableFile?) -> ReplaceableFile? {
            guard let file, !sameFile else { return nil }
            guard let refusal = file.refusal() ?? Self.insideReportFolder(file, reportFolder) else { return file }
            refusals.append(refusal)
            return nil
        }
        summaryFile = checked(summary)
        self.metricsFile = checked(metrics)
        Self.current = self
        guard refusals.isEmpty else {
            for refusal in refusals { Diagnostics.error(refusal) }
            // The other file still records the failure: monitoring must not keep the last success.
            _ = write(description(status: .failure, stopped: refusals[0]), summary: nil)
            throw ExitStatus.failure.code
        }
    }

    /// Why `file` may not be written there: it would go into a report folder (`report`'s `--out`,
    /// or any folder holding a report's manifest), which holds report files only: the next `report`
    /// would refuse the folder, or the file would replace the report's own `summary.json`.
    private static func insideReportFolder(_ file: ReplaceableFile, _ folder: String?) -> String? {
        let inOut = folder.map { file.isDirectlyInside(RawArguments.path($0)) } ?? false
        guard inOut || file.isInsideReportFolder else { return nil }
        return
            "\(file.path.displayName) is inside a report folder (\(file.path.parent.displayName)), which holds report files only: name a file elsewhere"
    }

    /// The run as `summary.json` describes it, ending now with `status`.
    func description(status: ExitStatus, stopped: String? = nil) -> RunDescription {
        var description = RunDescription(
            version: HSArchive.version, command: command, startedAt: startedAt, finishedAt: Self.now(),
            exitStatus: status.rawValue, stopped: stopped, options: settings)
        description.partials = partials
        return description
    }

    /// Runs `body`, then writes the files with the status it ends with. A file that cannot be
    /// written makes the status 2, whatever it was.
    func run(_ body: () throws -> Void) throws {
        var status = ExitStatus.success
        do {
            try body()
        } catch let code as ExitCode {
            status = ExitStatus(rawValue: code.rawValue)
        }
        if !write(description(status: status), summary: summary) { status = .failure }
        if status != .success { throw status.code }
    }

    /// Ends the process with `status` after writing the files (unless they were written already)
    /// with `reason` and no counts, and rubbing out the progress line.
    static func endEarly(status: ExitStatus, reason: String) -> Never {
        var status = status
        if let recording = current,
            !recording.write(recording.description(status: status, stopped: reason), summary: nil)
        {
            status = .failure
        }
        ProgressLine.clearingLine {}
        Glibc.exit(status.rawValue)
    }

    /// Writes each file asked for, once; says why one could not be written. Returns whether all were.
    private func write(_ description: RunDescription, summary: RunSummary?) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !written else { return true }
        written = true
        let summary = summary ?? RunSummary()
        var allWritten = true
        for (file, text) in [
            (summaryFile, { SummaryJSON.render(summary: summary, run: description) }),
            (metricsFile, { MetricsText.render(summary: summary, run: description) }),
        ] {
            guard let file else { continue }
            do { try file.write(text()) } catch {
                Diagnostics.error(error.message)
                allWritten = false
            }
        }
        return allWritten
    }

    private static func now() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
