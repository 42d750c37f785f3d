import ArgumentParser
import HelpScoutArchive

/// `hsarchive verify`: the audit alone, for cron and auditors.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Re-verify every delivery; print each forged, unsigned, malformed or undecodable line.",
        usage: "hsarchive verify <archive> ... [--secret-file <file>] [--jobs <n>]",
        discussion: """
            Prints `file:line: status: reason` for each such line and a one-line summary.
            Exit status: 0 all good; 1 something is forged or unsigned (or no signature matched \
            the secret); 2 no secret, an input could not be read (the other inputs are still \
            checked), or the output could not be written.
            """
    )

    @OptionGroup var options: RunOptions

    func run() throws {
        Diagnostics.isQuiet = options.quiet
        let keyring = try options.loadKeyring()
        let inputs = options.inputs()
        let printer = FindingPrinter(inputNames: inputs.map(\.name))
        let summary = options.pipeline(keyring: keyring, inputs: inputs, detail: .statuses).run(observer: printer)
        summary.warnAboutInputs(inputs)
        let status = summary.exitStatus(failingOnForgeries: true)
        if !options.quiet || status != .success { printer.print("\(summary.oneLine)\n") }
        printer.close()
        _ = summary.explainUntrustworthyRun(keys: keyring.count, consequence: "this is not a clean audit")
        if status != .success { throw status.code }
    }
}
