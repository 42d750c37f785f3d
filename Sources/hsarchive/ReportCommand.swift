import ArgumentParser
import HelpScoutArchive

/// `hsarchive report`: the report folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write the report folder: integrity, audit and analytics as CSV, report.md, report.html and its charts, summary.json.",
        usage: """
            hsarchive report <archive> ... [--out <dir>] [--strict] [--quiet]
                             [--time-zone <zone>] [--office-hours <schedule>]
                             [--holidays <file>] [--since <time>] [--until <time>]
                             [--secret-file <file>] [--jobs <n>]
                             [--summary-json <file>] [--metrics-file <file>]
            """,
        discussion: """
            The folder is checked before any input is read: it must be new, empty, or a report \
            folder hsarchive wrote (only report files in it). The new report is written beside it \
            and swapped in when complete, so an interrupted or failed run leaves the previous \
            report untouched, and a second run into the same folder waits for the first.
            Exit status: 0 success (forged entries are listed in audit.csv, never counted); 1 no \
            signature matched the secret (no report is written), or with --strict anything is \
            forged or unsigned; 2 no secret, a folder that is not a report folder, an input that \
            could not be read (the report still covers every other input; when none could be \
            read, no report is written), or the report could not be written.
            """
    )

    @OptionGroup var options: RunOptions
    @OptionGroup var shape: ReportShapeOptions

    func run() throws {
        Diagnostics.isQuiet = options.quiet
        let recording = try RunRecording(
            command: "report", options: options, settings: shape.settings, reportFolder: shape.out)
        try recording.run { try report(recording: recording) }
    }

    private func report(recording: RunRecording) throws {
        let keyring = try options.loadKeyring()
        let officeHours = try shape.schedule()
        let inputs = options.inputs()
        var paths = ((try? options.archivePaths()) ?? []).filter { $0 != "-" }.map(RawArguments.path)
        for input in inputs { if case .file(let path) = input.source { paths.append(path) } }
        let session = try ReportSession(
            shape: shape, officeHours: officeHours, inputPaths: paths, inputNames: inputs.map(\.name))
        session.builder.onFailure = { failure in
            Diagnostics.error(Diagnostics.describe(failure, name: inputs[failure.input].name))
        }
        let summary = options.run(
            inputs: inputs, keyring: keyring, detail: .complete, observer: session.builder, recording: recording,
            writesSummary: true)
        summary.warnAboutInputs()
        try session.finish(summary: summary, keys: keyring.count, recording: recording, strict: shape.strict)
    }
}
