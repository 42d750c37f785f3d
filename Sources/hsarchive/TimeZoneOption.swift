import ArgumentParser
import Foundation
import HelpScoutArchive

/// `--time-zone`, for the commands whose days, weeks and hours people read.
struct TimeZoneOption: ParsableArguments {
    /// The variable a default zone may come from.
    static let environmentVariable = "HSARCHIVE_TIME_ZONE"

    @Option(
        name: .customLong("time-zone"),
        help: ArgumentHelp(
            "The time zone of days, weeks and times shown, an IANA name such as America/New_York. Default: $HSARCHIVE_TIME_ZONE, else UTC.",
            valueName: "zone"))
    var name: String?

    /// The zone asked for, checked by `validate()`.
    var zone: ReportTimeZone { Self.zone(named: chosenName) ?? .utc }

    /// The option's value, else the environment's, else UTC.
    var chosenName: String { name ?? ProcessInfo.processInfo.environment[Self.environmentVariable] ?? "UTC" }

    func validate() throws {
        guard Self.zone(named: chosenName) != nil else {
            let source = name == nil ? Self.environmentVariable : "--time-zone"
            throw ValidationError(
                "\(source) '\(chosenName.displaySafe)' is not a time zone of the system's tz database: give an IANA name such as America/New_York or Europe/Berlin (list them with: timedatectl list-timezones)."
            )
        }
    }

    /// The zone of `name`, made once a run: the option is read four times (to check it, for the
    /// period's bounds twice, for the report), and making a zone's table asks the tz database for
    /// each of its transitions, which ICU answers slowly (about 1 ms a zone here).
    private static func zone(named name: String) -> ReportTimeZone? {
        made.lock()
        defer { made.unlock() }
        if let zone = zones[name] { return zone }
        let zone = ReportTimeZone(identifier: name)
        zones[name] = zone
        return zone
    }

    private static let made = NSLock()
    nonisolated(unsafe) private static var zones: [String: ReportTimeZone?] = [:]
}
