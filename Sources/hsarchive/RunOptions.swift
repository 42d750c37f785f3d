import ArgumentParser
import Foundation
import HelpScoutArchive

#if canImport(Glibc)
    import Glibc
#endif

/// The options every subcommand that reads archives shares.
struct RunOptions: ParsableArguments {
    // Unrecognised arguments are taken here rather than rejected, so that a file whose name starts
    // with a dash is read instead of being parsed as options (`-dash.jsonl` once meant `-h`: help,
    // exit 0, nothing verified). `validate()` tells files from mistyped options.
    @Argument(
        parsing: .allUnrecognized,
        help: ArgumentHelp(
            "Archives to read: files (gzip or plain JSON lines), directories (searched for *.jsonl, *.ndjson, *.jsonl.gz, *.ndjson.gz) or - for standard input. Put -- before names that start with a dash.",
            valueName: "archive"),
        completion: .file())
    var archives: [String] = []

    @Option(
        name: .customLong("secret-file"),
        help: ArgumentHelp(
            "A file with the webhook secret, one per line (several during a key rotation). Default: the environment variable HELPSCOUT_WEBHOOK_SECRET.",
            valueName: "file"),
        completion: .file())
    var secretFile: String?

    // The word after --jobs is its value even when it starts with a dash, so that `--jobs -1` is
    // told it must be at least 1 rather than that the value is missing.
    @Option(
        name: .customLong("jobs"), parsing: .unconditional,
        help: ArgumentHelp("Threads to use (default: the number of cores).", valueName: "n"))
    var chosenJobs: Int?

    @OptionGroup var record: RecordOptions

    var quiet: Bool { record.quiet }
    var summaryJSON: String? { record.summaryJSON }
    var metricsFile: String? { record.metricsFile }

    /// Threads to use.
    var jobs: Int { chosenJobs ?? ProcessInfo.processInfo.activeProcessorCount }

    func validate() throws {
        let paths = try archivePaths()
        guard !paths.isEmpty else {
            throw ValidationError("Give at least one archive: a file, a directory, or - for standard input.")
        }
        guard paths.filter({ $0 == "-" }).count <= 1 else {
            throw ValidationError("Standard input (-) can be read only once: give - once.")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    }

    /// The archives as given. Before `--`, an argument that starts with a dash must name an existing
    /// file (else it is a mistyped option); after it, every argument is a path.
    func archivePaths() throws -> [String] {
        var paths: [String] = []
        var optionsEnded = false
        for argument in archives {
            if argument == "--" && !optionsEnded {
                optionsEnded = true
            } else if !optionsEnded && argument.hasPrefix("-") && argument != "-" && !Self.exists(argument) {
                throw ValidationError(
                    "Unknown option '\(RawArguments.path(argument).displayName)'. To read a file whose name starts with a dash, put -- before it."
                )
            } else {
                paths.append(argument)
            }
        }
        return paths
    }

    private static func exists(_ argument: String) -> Bool {
        var status = stat()
        return RawArguments.path(argument).withCString { lstat($0, &status) } == 0
    }

    /// The keyring, after printing any warning about the secret file.
    /// - Throws: `ExitCode(2)` after printing why there is no usable secret.
    func loadKeyring() throws -> SecretKeyring {
        do {
            let (keyring, warnings) = try SecretKeyring.load(
                secretFile: secretFile.map(RawArguments.path),
                environment: ProcessInfo.processInfo.environment)
            for warning in warnings { Diagnostics.warning(warning) }
            return keyring
        } catch {
            Diagnostics.error(error.message)
            throw ExitStatus.failure.code
        }
    }

    /// The archives named on the command line, directories expanded, each file once: one reached
    /// again is left out with a warning (`InputDiscovery.withoutRepeats`).
    /// - Parameter keepingRepeats: keep them (`partial --recorded-as` pairs names with its inputs first).
    func inputs(keepingRepeats: Bool = false) -> [ArchiveInput] {
        let inputs = InputDiscovery.archives(for: ((try? archivePaths()) ?? []).map(RawArguments.path))
        return keepingRepeats ? inputs : Self.eachOnce(inputs)
    }

    /// `inputs` with each file once, warning of each one left out.
    static func eachOnce(_ inputs: [ArchiveInput]) -> [ArchiveInput] {
        let (kept, repeats) = InputDiscovery.withoutRepeats(inputs)
        for (again, earlier) in repeats { Diagnostics.warning(readOnce(again.name, earlier.name)) }
        return kept
    }

    /// Why an input is left out: it is the same file as one before it.
    static func readOnce(_ again: String, _ earlier: String) -> String {
        func name(_ name: String) -> String { name == "-" ? "- (standard input)" : name }
        return
            "\(name(again)) is the same file as \(name(earlier)) (named twice, or reached again through a link or a hard link): it is read once, as \(name(earlier))"
    }

    /// Runs the pipeline over `inputs`, with a progress line while it goes when standard error is
    /// a terminal, and hands the summary to `recording`.
    /// - Parameters:
    ///   - detail: how much of each body the command needs decoded.
    ///   - writesSummary: whether a summary will be written even without `--summary-json`
    ///     (`report`'s folder): only then are the inputs hashed.
    func run(
        inputs: [ArchiveInput], keyring: SecretKeyring, detail: DecodingDetail, observer: RunObserver,
        recording: RunRecording, writesSummary: Bool = false
    ) -> RunSummary {
        let options = ArchivePipeline.Options(
            jobs: jobs, detail: detail, hashesInputs: writesSummary || summaryJSON != nil)
        let pipeline = ArchivePipeline(inputs: inputs, keyring: keyring, options: options)
        let progress = RunProgress()
        let line = ProgressLine.start(progress: progress, inputs: inputs, quiet: quiet)
        let summary = pipeline.run(observer: observer, progress: line == nil ? nil : progress)
        line?.stop()
        recording.summary = summary
        return summary
    }
}

/// `--quiet` and the records a run leaves for machines: what every command has, `merge` too.
struct RecordOptions: ParsableArguments {
    @Flag(
        help:
            "Print nothing when all is well: no summary line and no notes (warnings, errors and findings still print).")
    var quiet = false

    @Option(
        name: .customLong("summary-json"),
        help: ArgumentHelp(
            "Also write the run's summary (counts, inputs with their SHA-256, keys, times) as JSON to this file.",
            valueName: "file"),
        completion: .file())
    var summaryJSON: String?

    @Option(
        name: .customLong("metrics-file"),
        help: ArgumentHelp(
            "Also write the run's counts in Prometheus text format to this file (replaced atomically), for node_exporter's textfile collector.",
            valueName: "file"),
        completion: .file())
    var metricsFile: String?

    func validate() throws {
        for (option, value) in [("--summary-json", summaryJSON), ("--metrics-file", metricsFile)] where value == "-" {
            throw ValidationError("\(option) takes a file name; standard output (-) is not one of its choices.")
        }
    }
}
