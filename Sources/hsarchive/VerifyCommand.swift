import ArgumentParser
import HelpScoutArchive

/// `hsarchive verify`: the audit alone, for cron and auditors.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify every delivery; print each forged, unsigned, malformed or undecodable line.",
        discussion: """
            Prints `file:line: status: reason` for each such line and a one-line summary.
            Exit status: 0 all good; 1 something is forged or unsigned; 2 no secret or an input \
            could not be read (the other inputs are still checked).
            """
    )

    @OptionGroup var options: RunOptions

    func run() throws {
        let keyring = try options.loadKeyring()
        let inputs = options.inputs()
        let printer = FindingPrinter(inputNames: inputs.map(\.name))
        let summary = options.pipeline(keyring: keyring, inputs: inputs, detail: .statuses).run(observer: printer)
        summary.warnAboutNonArchives(names: inputs.map(\.name))
        printer.print("\(summary.oneLine)\n")
        printer.close()
        let status = summary.exitStatus(failingOnForgeries: true)
        if status != .success { throw status.code }
    }
}

/// Prints findings as `file:line: status: reason` on standard output, failures on standard error.
final class FindingPrinter: RunObserver {
    private let output = OutputFile(descriptor: 1, name: "standard output")
    private let inputNames: [String]
    private var pipeClosed = false

    init(inputNames: [String]) { self.inputNames = inputNames }

    func record(finding: Finding) {
        print("\(inputNames[finding.position.input]):\(finding.position.line): \(finding.status.rawValue): \(finding.reason)\n")
    }

    func record(failure: InputFailure) {
        Diagnostics.error(Diagnostics.describe(failure, name: inputNames[failure.input]))
    }

    func print(_ text: String) {
        guard !pipeClosed else { return }
        do { try output.write(text) } catch { pipeClosed = true }
    }

    func close() {
        guard !pipeClosed else { return }
        try? output.flush()
    }
}
