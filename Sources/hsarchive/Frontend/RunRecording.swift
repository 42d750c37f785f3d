import ArgumentParser
import Foundation
import HelpScoutArchive

/// The record a run leaves for machines: `--summary-json FILE` and `--metrics-file FILE`, written
/// when the run ends however it ends (a metrics file that says the last run failed is what
/// monitoring needs most), and the description that `report`'s `summary.json` renders.
final class RunRecording {
    private let command: String
    private let settings: [(name: String, value: RunDescription.OptionValue)]
    private let startedAt = RunRecording.now()
    private let summaryFile: ReplaceableFile?
    private let metricsFile: ReplaceableFile?
    /// The run's counts, once the pipeline has run.
    var summary: RunSummary?

    /// Checks the files to write before any input is read.
    /// - Parameter settings: the options that shaped the output, beyond those every command has.
    /// - Throws: `ExitStatus.failure` after saying why a file may not be written.
    init(command: String, options: RunOptions, settings: [(name: String, value: RunDescription.OptionValue)]) throws {
        self.command = command
        self.settings =
            settings + [
                ("secret_file", .text(options.secretFile.map { RawArguments.path($0).string ?? $0 })),
                ("jobs", .number(options.jobs)),
            ]
        summaryFile = options.summaryJSON.map {
            ReplaceableFile(path: RawArguments.path($0), marker: SummaryJSON.marker, kind: "summary")
        }
        metricsFile = options.metricsFile.map {
            ReplaceableFile(path: RawArguments.path($0), marker: MetricsText.marker, kind: "metrics file")
        }
        for file in [summaryFile, metricsFile].compactMap({ $0 }) {
            if let refusal = file.refusal() {
                Diagnostics.error(refusal)
                throw ExitStatus.failure.code
            }
        }
    }

    /// The run as `summary.json` describes it, ending now with `status`.
    func description(status: ExitStatus) -> RunDescription {
        RunDescription(
            version: HSArchive.version, command: command, startedAt: startedAt, finishedAt: Self.now(),
            exitStatus: status.rawValue, options: settings)
    }

    /// Runs `body`, then writes the files with the status it ends with. A file that cannot be
    /// written turns a success into a failure.
    func run(_ body: () throws -> Void) throws {
        var status = ExitStatus.success
        do {
            try body()
        } catch let code as ExitCode {
            status = ExitStatus(rawValue: code.rawValue)
        }
        if !write(status: status) && status == .success { status = .failure }
        if status != .success { throw status.code }
    }

    /// Writes each file asked for; says why one could not be written. Returns whether all were.
    private func write(status: ExitStatus) -> Bool {
        let description = description(status: status)
        let summary = summary ?? RunSummary()
        var written = true
        for (file, text) in [
            (summaryFile, { SummaryJSON.render(summary: summary, run: description) }),
            (metricsFile, { MetricsText.render(summary: summary, run: description) }),
        ] {
            guard let file else { continue }
            do { try file.write(text()) } catch {
                Diagnostics.error(error.message)
                written = false
            }
        }
        return written
    }

    private static func now() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
