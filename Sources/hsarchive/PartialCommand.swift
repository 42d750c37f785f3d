import ArgumentParser
import HelpScoutArchive

/// `hsarchive partial`: a run's state saved for `merge`.
struct PartialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partial",
        abstract:
            "Read and verify archives as report does, and save what the reports need in a partial file for merge.",
        usage: """
            hsarchive partial <archive> ... --out <file> [--quiet]
                              [--even-if-unverified] [--recorded-as <path>]...
                              [--secret-file <file>] [--jobs <n>]
                              [--summary-json <file>] [--metrics-file <file>]
            """,
        discussion: """
            The partial holds the status counts, the audit's rows, the key of every verified \
            delivery (to recognise retries), the verified events' facts and the inputs' SHA-256, \
            never a secret or a raw body (docs/partials.md). It is written beside --out and renamed \
            over it when complete; an existing --out is replaced only when it is a partial.
            Exit status: 0 success; 1 no signature matched the secret (no partial is written, but \
            with --even-if-unverified); 2 no secret, an --out that is not a partial, an input that could not be read (the partial \
            still covers every other input and records the failure, so merge exits 2 too), or the \
            partial could not be written.
            """
    )

    @OptionGroup var options: RunOptions

    @Option(
        name: .customLong("out"), help: ArgumentHelp("The partial file to write.", valueName: "file"),
        completion: .file())
    var out: String

    @Flag(
        name: .customLong("even-if-unverified"),
        help:
            "Write the partial even when not one signature matched or no input could be read (the exit status still says so): for one group of a larger split, which merge weighs with the others."
    )
    var evenIfUnverified = false

    @Option(
        name: .customLong("recorded-as"),
        help: ArgumentHelp(
            "The path to record for each archive, in order, instead of the one read: for a job that copies archives before reading them (contrib/spark). Give it once per archive file.",
            valueName: "path"))
    var recordedAs: [String] = []

    func validate() throws {
        guard !out.isEmpty, out != "-" else { throw ValidationError("--out needs a file name.") }
        if !recordedAs.isEmpty {
            let paths = try options.archivePaths()
            guard paths.count == recordedAs.count else {
                throw ValidationError(
                    "--recorded-as is given \(recordedAs.count == 1 ? "once" : "\(recordedAs.count) times") for \(paths.count) archive\(paths.count == 1 ? "" : "s"): give it once per archive."
                )
            }
            guard !paths.contains("-") else { throw ValidationError("--recorded-as names files, not standard input.") }
        }
    }

    /// The archives to read, named as `--recorded-as` says when it is given.
    private func archives() throws -> [ArchiveInput] {
        guard !recordedAs.isEmpty else { return options.inputs() }
        let inputs = options.inputs(keepingRepeats: true)
        guard inputs.count == recordedAs.count else {
            Diagnostics.error(
                "--recorded-as names files, one each: a folder given was expanded to \(inputs.count) archives")
            throw ExitStatus.usage.code
        }
        return RunOptions.eachOnce(zip(inputs, recordedAs).map { $0.recorded(as: $1) })
    }

    func run() throws {
        Diagnostics.isQuiet = options.quiet
        let recording = try RunRecording(
            command: "partial", options: options, settings: [("out", .text(RawArguments.path(out).string ?? out))])
        try recording.run { try save(recording: recording) }
    }

    private func save(recording: RunRecording) throws {
        let keyring = try options.loadKeyring()
        let inputs = try archives()
        let file = ReplaceableFile(path: RawArguments.path(out), marker: PartialFile.marker, kind: "partial")
        if file.isInsideReportFolder {
            Diagnostics.error(
                "\(file.path.displayName) is inside a report folder (\(file.path.parent.displayName)), which holds report files only: name a file elsewhere"
            )
            throw ExitStatus.failure.code
        }
        let pending: ReplaceableFile.Pending
        let recorder: PartialRecorder
        do {
            pending = try file.start()
            recorder = PartialRecorder(
                writer: try PartialFileWriter(file: pending.file), version: HSArchive.version, keyIds: keyring.keyIds,
                inputs: inputs)
        } catch {
            Diagnostics.error(error.message)
            throw ExitStatus.failure.code
        }
        Interrupts.onInterrupt {
            pending.discard()
            return "interrupted: no partial was written, and \(file.path.displayName), if it exists, is unchanged"
        }
        defer { Interrupts.clear() }
        recorder.onFailure = { failure in
            Diagnostics.error(Diagnostics.describe(failure, name: inputs[failure.input].name))
        }
        let summary = options.run(
            inputs: inputs, keyring: keyring, detail: .complete, observer: recorder, recording: recording,
            writesSummary: true)
        summary.warnAboutInputs()
        let unchanged = "\(file.path.displayName), if it exists, is unchanged"
        if evenIfUnverified {
            _ = summary.explainUntrustworthyRun(
                keys: keyring.count, consequence: "the partial is written all the same (--even-if-unverified)")
        } else if summary.explainUntrustworthyRun(
            keys: keyring.count, consequence: "no partial was written and \(unchanged)")
        {
            pending.discard()
            throw summary.exitStatus(failingOnForgeries: false).code
        }
        do {
            try recorder.finish(summary: summary)
            try pending.commit()
        } catch {
            pending.discard()
            Diagnostics.error("\(error.message); \(unchanged)")
            throw ExitStatus.failure.code
        }
        Diagnostics.note("\(summary.oneLine); partial written to \(file.path.displayName)")
        let status = summary.exitStatus(failingOnForgeries: false)
        if status != .success { throw status.code }
    }
}
