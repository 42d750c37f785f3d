import ArgumentParser
import HelpScoutArchive

/// `hsarchive report`: the report folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the report folder: integrity, audit and analytics as CSV, report.md, summary.json.",
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
    @OptionGroup var timeZone: TimeZoneOption

    @Option(
        name: .customLong("out"), help: ArgumentHelp("The report folder.", valueName: "dir"), completion: .directory)
    var out = "Reports"

    @Flag(help: "Exit with status 1 when anything is forged or unsigned, as verify does.")
    var strict = false

    @Option(
        name: .customLong("office-hours"),
        help: ArgumentHelp(
            "Also measure response times in office time, e.g. 'Mon-Fri 09:00-17:00' or 'Mon-Thu 08:30-17:30,Fri 08:30-13:00', in the time zone.",
            valueName: "schedule"))
    var officeHours: String?

    @Option(
        name: .customLong("holidays"),
        help: ArgumentHelp(
            "A file of dates (YYYY-MM-DD, one a line, # comments) without office hours.", valueName: "file"),
        completion: .file())
    var holidays: String?

    @Option(
        help: ArgumentHelp(
            "Report on the period from this time (RFC 3339, or a day YYYY-MM-DD from its midnight in the time zone); earlier events are still read.",
            valueName: "time"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Report on the period before this time (RFC 3339, or a day YYYY-MM-DD from its midnight in the time zone). With --since, the period is compared with the one of the same length before it.",
            valueName: "time"))
    var until: String?

    func validate() throws {
        guard !out.isEmpty else { throw ValidationError("--out needs a folder name.") }
        try PeriodBounds.validate(
            since: since, until: until, zone: timeZone.zone, consequence: "the period would hold no instant")
        if let officeHours {
            do { _ = try OfficeHours(parsing: officeHours) } catch { throw ValidationError(error.message + ".") }
        } else if holidays != nil {
            throw ValidationError("--holidays needs --office-hours: holidays are days without office hours.")
        }
    }

    /// The office hours asked for, with their holidays.
    /// - Throws: `ExitStatus.failure` after saying why the holidays file cannot be used.
    private func schedule() throws -> OfficeHours? {
        guard let officeHours, var schedule = try? OfficeHours(parsing: officeHours) else { return nil }
        guard let holidays else { return schedule }
        let path = RawArguments.path(holidays)
        do {
            let text = String(decoding: try FileDescriptorSource(path: path).readAll(limit: 1 << 20), as: UTF8.self)
            schedule.holidays = try OfficeHours.holidays(parsing: text, file: path.displayName)
        } catch let error as OfficeHoursError {
            Diagnostics.error(error.message)
            throw ExitStatus.failure.code
        } catch {
            Diagnostics.error("cannot read the holidays file \(path.displayName): \(error)")
            throw ExitStatus.failure.code
        }
        return schedule
    }

    func run() throws {
        Diagnostics.isQuiet = options.quiet
        let window = PeriodBounds.window(since: since, until: until, zone: timeZone.zone)
        let recording = try RunRecording(
            command: "report", options: options,
            settings: [
                ("out", .text(RawArguments.path(out).string ?? out)), ("strict", .flag(strict)),
                ("time_zone", .text(timeZone.chosenName)), ("office_hours", .text(officeHours)),
                ("holidays", .text(holidays.map { RawArguments.path($0).string ?? $0 })),
                ("since", .text(window.start?.rfc3339)), ("until", .text(window.end?.rfc3339)),
            ],
            reportFolder: out)
        try recording.run { try report(recording: recording, window: window) }
    }

    private func report(recording: RunRecording, window: ReportWindow) throws {
        let keyring = try options.loadKeyring()
        let officeSchedule = try schedule()
        let inputs = options.inputs()
        let folder = try prepareFolder(inputs: inputs)
        Interrupts.onInterrupt {
            folder.discard()
                ? "interrupted: no report was written, and the previous report in \(folder.name), if any, is unchanged"
                : "interrupted after the report was written to \(folder.name)"
        }
        defer { Interrupts.clear() }
        let builder: ReportRun
        do {
            try folder.createStaging()
            builder = try ReportRun(
                folder: folder, inputNames: inputs.map(\.name), timeZone: timeZone.zone, officeHours: officeSchedule,
                window: window)
        } catch {
            folder.discard()
            Diagnostics.error(Self.message(error))
            throw ExitStatus.failure.code
        }
        builder.onFailure = { failure in
            Diagnostics.error(Diagnostics.describe(failure, name: inputs[failure.input].name))
        }
        let summary = options.run(
            inputs: inputs, keyring: keyring, detail: .complete, observer: builder, recording: recording,
            writesSummary: true)
        summary.warnAboutInputs(inputs)
        let unchanged = "the previous report in \(folder.name), if any, is unchanged"
        if summary.explainUntrustworthyRun(keys: keyring.count, consequence: "no report was written and \(unchanged)") {
            folder.discard()
            throw summary.exitStatus(failingOnForgeries: strict).code
        }
        do {
            if let error = builder.auditWriteError { throw error }
            let status = summary.exitStatus(failingOnForgeries: strict)
            try builder.writeFiles(summary: summary, run: recording.description(status: status))
            try folder.commit()
        } catch {
            folder.discard()
            let kept = (error as? ReportFolderError)?.keptPreviousReport ?? true
            Diagnostics.error(kept ? "\(Self.message(error)); \(unchanged)" : Self.message(error))
            throw ExitStatus.failure.code
        }
        if let leftover = folder.leftover {
            Diagnostics.warning(
                "the previous report was left in \(leftover): files hsarchive did not write appeared in it while it was replaced"
            )
        }
        Diagnostics.note(
            "\(summary.oneLine); \(summary.conversationCount ?? 0) conversations; report written to \(folder.name)/")
        let audited = summary.count(.forged) + summary.count(.unsigned)
        if audited > 0 {
            Diagnostics.warning(
                "\(summary.count(.forged)) forged and \(summary.count(.unsigned)) unsigned deliveries were left out; see \(folder.name)/audit.csv"
            )
        }
        let status = summary.exitStatus(failingOnForgeries: strict)
        if status != .success { throw status.code }
    }

    /// The checked and locked report folder, before any input is read.
    private func prepareFolder(inputs: [ArchiveInput]) throws -> ReportFolder {
        var paths = ((try? options.archivePaths()) ?? []).filter { $0 != "-" }.map(RawArguments.path)
        for input in inputs { if case .file(let path) = input.source { paths.append(path) } }
        let name = RawArguments.path(out).displayName
        do {
            return try ReportFolder(out: RawArguments.path(out), inputs: paths) {
                Diagnostics.note("waiting for another hsarchive run that is writing \(name) to finish")
            }
        } catch {
            Diagnostics.error(error.message)
            throw ExitStatus.failure.code
        }
    }

    private static func message(_ error: any Error) -> String {
        switch error {
        case let error as ReportFolderError: return error.message
        case let error as OutputFile.WriteError: return error.message
        default: return "\(error)"
        }
    }
}
