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
        usage: """
            hsarchive events <archive> ... [--type <type> ...] [--since <time>]
                             [--until <time>] [--time-zone <zone>] [--quiet]
                             [--format <format>]
                             [--secret-file <file>] [--jobs <n>]
                             [--summary-json <file>] [--metrics-file <file>]
            """,
        discussion: """
            Events come in archive order, each with the file and line it was read from; the time \
            is always UTC with milliseconds, so `sort` orders the lines by time. Forged, unsigned, \
            malformed and undecodable deliveries are never printed (run verify to list them).
            Examples:
              hsarchive events archive/ --type convo.assigned \\
                | jq -r .assignee_id | sort | uniq -c
              hsarchive events archive/ --format csv \\
                --since 2026-10-05 --until 2026-10-12 > week.csv
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case jsonl, csv }

    @OptionGroup var options: RunOptions
    @OptionGroup var timeZone: TimeZoneOption

    @Option(
        name: .customLong("type"),
        help: ArgumentHelp(
            "Only events of this type (repeat, or separate with commas), e.g. convo.assigned.", valueName: "type"))
    var types: [String] = []

    @Option(
        help: ArgumentHelp(
            "Only events at or after this time (RFC 3339, or a day YYYY-MM-DD from its midnight in the time zone).",
            valueName: "time"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Only events before this time (RFC 3339, or a day YYYY-MM-DD from its midnight in the time zone).",
            valueName: "time"))
    var until: String?

    @Option(help: "Output format.") var format: Format = .jsonl

    func validate() throws {
        try PeriodBounds.validate(
            since: since, until: until, zone: timeZone.zone, consequence: "no event could be printed")
    }

    /// The types asked for.
    var wantedTypes: Set<String> { Set(types.flatMap { $0.split(separator: ",").map { String($0).trimmed } }) }

    /// Warns about each type asked for that Help Scout does not document (it is still matched: a
    /// type added later is printed by its name).
    func warnAboutUnknownTypes(_ wanted: Set<String>) {
        let known = EventType.known.map(\.name)
        for type in wanted.sorted() where !known.contains(type) {
            let guess = NearestName.find(type, among: known, within: 3).map { " (did you mean \($0)?)" } ?? ""
            Diagnostics.warning(
                "--type \(type.displaySafe) is not an event type Help Scout documents\(guess); "
                    + "only events of exactly that type are printed")
        }
    }

    func run() throws {
        Diagnostics.isQuiet = options.quiet
        let (start, end) = PeriodBounds.times(since: since, until: until, zone: timeZone.zone)
        let recording = try RunRecording(
            command: "events", options: options,
            settings: [
                ("format", .text(format.rawValue)), ("types", .list(wantedTypes.sorted())),
                ("since", .text(start?.rfc3339)), ("until", .text(end?.rfc3339)),
                ("time_zone", .text(timeZone.chosenName)),
            ])
        try recording.run {
            let keyring = try options.loadKeyring()
            let inputs = options.inputs()
            let wanted = wantedTypes
            warnAboutUnknownTypes(wanted)
            let printer = EventPrinter(
                inputs: inputs, format: format, types: wanted,
                since: start, until: end)
            let summary = options.run(
                inputs: inputs, keyring: keyring, detail: .complete, observer: printer, recording: recording)
            printer.close()
            summary.warnAboutInputs()
            _ = summary.explainUntrustworthyRun(keys: keyring.count, consequence: "no event could be printed")
            let rejected = DeliveryStatus.allCases.filter(\.isAudited).map(summary.count).reduce(0, +)
            if rejected > 0 {
                let counts = DeliveryStatus.allCases.filter(\.isAudited).map { "\(summary.count($0)) \($0.rawValue)" }
                    .joined(separator: ", ")
                Diagnostics.note(
                    "\(rejected) deliveries did not verify and were left out (\(counts)); run verify to list them")
            }
            let status = summary.exitStatus(failingOnForgeries: false)
            if status != .success { throw status.code }
        }
    }
}
