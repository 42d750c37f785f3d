import ArgumentParser
import HelpScoutArchive

#if canImport(Glibc)
import Glibc
#endif

/// `hsarchive events`: verified, de-duplicated events for the shell's other tools.
struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Print verified, de-duplicated events, one per line, as JSON lines or CSV.",
        discussion: """
            Events come in archive order, each with the file and line it was read from; the time \
            is always UTC with milliseconds, so `sort` orders the lines by time. Forged, unsigned, \
            malformed and undecodable deliveries are never printed (run verify to list them).
            Examples:
              hsarchive events archive/ --type convo.assigned | jq -r .assignee_id | sort | uniq -c
              hsarchive events archive/ --format csv --since 2026-10-05 --until 2026-10-12 > week.csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

    @OptionGroup var options: RunOptions

    @Option(name: .customLong("type"), help: ArgumentHelp(
        "Only events of this type (repeat, or separate with commas), e.g. convo.assigned.", valueName: "type"))
    var types: [String] = []

    @Option(help: ArgumentHelp("Only events at or after this time (RFC 3339, or a UTC day YYYY-MM-DD).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only events before this time (RFC 3339, or a UTC day YYYY-MM-DD).", valueName: "time"))
    var until: String?

    @Option(help: "Output format.") var format: Format = .jsonl

    func validate() throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, Self.time(value) == nil {
                throw ValidationError("\(name) takes an RFC 3339 time (2026-10-05T14:03:07Z) or a day (2026-10-05), not '\(value)'.")
            }
        }
    }

    static func time(_ text: String) -> Timestamp? {
        Timestamp.parse(text) ?? Timestamp.parse(text + "T00:00:00Z")
    }

    func run() throws {
        let keyring = try options.loadKeyring()
        let inputs = options.inputs()
        let wanted = Set(types.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters() } })
        let printer = EventPrinter(inputNames: inputs.map(\.name), format: format, types: wanted,
                                   since: since.flatMap(Self.time), until: until.flatMap(Self.time))
        let summary = options.pipeline(keyring: keyring, inputs: inputs, detail: .complete).run(observer: printer)
        printer.close()
        summary.warnAboutNonArchives(names: inputs.map(\.name))
        let rejected = DeliveryStatus.allCases.filter(\.isAudited).map(summary.count).reduce(0, +)
        if rejected > 0 {
            Diagnostics.note("\(rejected) deliveries did not verify and were left out (\(summary.count(.forged)) forged, \(summary.count(.unsigned)) unsigned); run verify to list them")
        }
        let status = summary.exitStatus(failingOnForgeries: false)
        if status != .success { throw status.code }
    }
}

/// Writes events as they arrive; exits quietly when the reader of standard output goes away.
final class EventPrinter: RunObserver {
    private let output = OutputFile(descriptor: 1, name: "standard output")
    private let inputNames: [String]
    private let format: EventsCommand.Format
    private let types: Set<String>
    private let since: Timestamp?
    private let until: Timestamp?

    init(inputNames: [String], format: EventsCommand.Format, types: Set<String>, since: Timestamp?, until: Timestamp?) {
        self.inputNames = inputNames
        self.format = format
        self.types = types
        self.since = since
        self.until = until
        if format == .csv { write(CSVWriter.row(EventRecord.columns)) }
    }

    func record(event: DecodedEvent, at position: ArchivePosition) {
        if !types.isEmpty && !types.contains(event.type.name) { return }
        if let since, event.time < since { return }
        if let until, event.time >= until { return }
        let record = EventRecord(event, file: inputNames[position.input], line: position.line)
        write(format == .csv ? record.csvRow() : record.jsonLine())
    }

    func record(failure: InputFailure) {
        Diagnostics.error(Diagnostics.describe(failure, name: inputNames[failure.input]))
    }

    private func write(_ text: String) {
        do { try output.write(text) } catch { Self.quit(error) }
    }

    func close() {
        do { try output.flush() } catch { Self.quit(error) }
    }

    /// A closed pipe (`… | head`) ends the run quietly with status 0; another write error is reported.
    private static func quit(_ error: OutputFile.WriteError) -> Never {
        if case .failed(_, let reason) = error { Diagnostics.error("cannot write the events: \(reason)") }
        Glibc.exit(error == .brokenPipe ? 0 : ExitStatus.usage.rawValue)
    }
}

extension String {
    func trimmingCharacters() -> String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
