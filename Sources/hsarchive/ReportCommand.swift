import ArgumentParser
import HelpScoutArchive

/// `hsarchive report`: the report folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the report folder: integrity, audit and analytics as CSV, and report.md.",
        discussion: """
            The folder is written beside its destination and moved into place when complete, so an \
            interrupted run leaves the previous report untouched.
            Exit status: 0 success (forged entries are listed in audit.csv, never counted); 1 with \
            --strict when anything is forged or unsigned; 2 no secret or an input could not be read \
            (the report still covers every other input).
            """
    )

    @OptionGroup var options: RunOptions

    @Option(name: .customLong("out"), help: ArgumentHelp("The report folder.", valueName: "dir"))
    var out = "Reports"

    @Flag(help: "Exit with status 1 when anything is forged or unsigned, as verify does.")
    var strict = false

    func run() throws {
        let keyring = try options.loadKeyring()
        let inputs = options.inputs()
        let summary: RunSummary
        var conversations = 0
        do {
            let folder = try ReportFolder(destination: out)
            let cleanup = InterruptCleanup(removing: folder.staging)
            defer { cleanup.disarm() }
            let builder = try ReportBuilder(folder: folder, inputNames: inputs.map(\.name))
            builder.onFailure = { failure in
                Diagnostics.error(Diagnostics.describe(failure, name: inputs[failure.input].name))
            }
            summary = options.pipeline(keyring: keyring, inputs: inputs, detail: .complete).run(observer: builder)
            try cleanup.uninterrupted { try builder.finish(summary: summary) }
            conversations = builder.conversationCount
        } catch {
            Diagnostics.error("cannot write the report: \(error)")
            throw ExitStatus.usage.code
        }
        summary.warnAboutNonArchives(names: inputs.map(\.name))
        Diagnostics.note("\(summary.oneLine); \(conversations) conversations; report written to \(out)/")
        let audited = summary.count(.forged) + summary.count(.unsigned)
        if audited > 0 {
            Diagnostics.warning("\(summary.count(.forged)) forged and \(summary.count(.unsigned)) unsigned deliveries were left out; see \(out)/audit.csv")
        }
        let status = summary.exitStatus(failingOnForgeries: strict)
        if status != .success { throw status.code }
    }
}
