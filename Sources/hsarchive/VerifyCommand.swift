import ArgumentParser
import HelpScoutArchive

/// `hsarchive verify`: the audit alone, for cron and auditors.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify every delivery; print each forged, unsigned, malformed or undecodable line.",
        usage: """
            hsarchive verify <archive> ... [--format <format>] [--quiet]
                             [--secret-file <file>] [--jobs <n>]
                             [--summary-json <file>] [--metrics-file <file>]
            """,
        discussion: """
            Prints `file:line: status: reason` for each such line and a one-line summary.
            Exit status: 0 all good; 1 something is forged or unsigned (or no signature matched \
            the secret); 2 no secret, an input could not be read (the other inputs are still \
            checked), or the output could not be written.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var options: RunOptions

    @Option(help: "Findings as text lines (file:line: status: reason) or as JSON lines, one object each.")
    var format: Format = .text

    func run() throws {
        Diagnostics.isQuiet = options.quiet
        let recording = try RunRecording(
            command: "verify", options: options, settings: [("format", .text(format.rawValue))])
        try recording.run {
            let keyring = try options.loadKeyring()
            let inputs = options.inputs()
            let printer = FindingPrinter(inputs: inputs, json: format == .json)
            let summary = options.run(
                inputs: inputs, keyring: keyring, detail: .statuses, observer: printer, recording: recording)
            summary.warnAboutInputs()
            let status = summary.exitStatus(failingOnForgeries: true)
            if !options.quiet || status != .success {
                // JSON lines stay JSON lines: there the summary is a note on standard error.
                if format == .json {
                    Diagnostics.standardError.write("hsarchive: \(summary.oneLine)\n")
                } else {
                    printer.print("\(summary.oneLine)\n")
                }
            }
            printer.close()
            _ = summary.explainUntrustworthyRun(keys: keyring.count, consequence: "this is not a clean audit")
            if status != .success { throw status.code }
        }
    }
}
