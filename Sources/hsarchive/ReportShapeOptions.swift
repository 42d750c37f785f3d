import ArgumentParser
import HelpScoutArchive

/// The options that shape a report folder, shared by `report` and `merge`.
struct ReportShapeOptions: ParsableArguments {
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

    /// The period asked for.
    var window: ReportWindow { PeriodBounds.window(since: since, until: until, zone: timeZone.zone) }

    /// The options as `summary.json` records them.
    var settings: [(name: String, value: RunDescription.OptionValue)] {
        [
            ("out", .text(RawArguments.path(out).string ?? out)), ("strict", .flag(strict)),
            ("time_zone", .text(timeZone.chosenName)), ("office_hours", .text(officeHours)),
            ("holidays", .text(holidays.map { RawArguments.path($0).string ?? $0 })),
            ("since", .text(window.start?.rfc3339)), ("until", .text(window.end?.rfc3339)),
        ]
    }

    /// The office hours asked for, with their holidays.
    /// - Throws: `ExitStatus.failure` after saying why the holidays file cannot be used.
    func schedule() throws -> OfficeHours? {
        guard let officeHours, var schedule = try? OfficeHours(parsing: officeHours) else { return nil }
        guard let holidays else { return schedule }
        let path = RawArguments.path(holidays)
        let bytes: [UInt8]
        do { bytes = try FileDescriptorSource(path: path).readAll(limit: 1 << 20) } catch {
            Diagnostics.error("cannot read the holidays file \(path.displayName): \(error.message)")
            throw ExitStatus.failure.code
        }
        do {
            schedule.holidays = try OfficeHours.holidays(
                parsing: String(decoding: bytes, as: UTF8.self), file: path.displayName)
        } catch {
            Diagnostics.error(error.message)
            throw ExitStatus.failure.code
        }
        return schedule
    }
}
