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
    init(
        command: String, options: RunOptions, settings: [(name: String, value: RunDescription.OptionValue)],
        reportFolder: String? = nil
    ) throws {
        self.command = command
        self.settings =
            settings + [("secret_file", .text(options.secretFile.map { RawArguments.path($0).string ?? $0 }))]
        summaryFile = options.summaryJSON.map {
            ReplaceableFile(path: RawArguments.path($0), marker: SummaryJSON.marker, kind: "summary")
        }
        metricsFile = options.metricsFile.map {
            ReplaceableFile(path: RawArguments.path($0), marker: MetricsText.marker, kind: "metrics file")
        }
        let files = [summaryFile, metricsFile].compactMap { $0 }
        for file in files {
            if let refusal = file.refusal() ?? Self.insideReportFolder(file, reportFolder) {
                Diagnostics.error(refusal)
                throw ExitStatus.failure.code
            }
        }
        if files.count == 2, let place = files[0].place, place == files[1].place {
            Diagnostics.error("--summary-json and --metrics-file name the same file: give each its own")
            throw ExitStatus.failure.code
        }
        Self.current = self
    }

    /// Why `file` may not be written there: it is inside the report folder, which would then hold
    /// a file that is not part of the report, and be refused by the next run.
    private static func insideReportFolder(_ file: ReplaceableFile, _ folder: String?) -> String? {
        guard let folder, file.isDirectlyInside(RawArguments.path(folder)) else { return nil }
        return
            "\(file.path.displayName) is inside the report folder \(RawArguments.path(folder).displayName), which holds report files only: name a file elsewhere"
    }

    /// The run as `summary.json` describes it, ending now with `status`.
    func description(status: ExitStatus, stopped: String? = nil) -> RunDescription {
        RunDescription(
            version: HSArchive.version, command: command, startedAt: startedAt, finishedAt: Self.now(),
            exitStatus: status.rawValue, stopped: stopped, options: settings)
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
