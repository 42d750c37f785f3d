import ArgumentParser
import HelpScoutArchive

/// `--since` and `--until`: an RFC 3339 time, or a day `YYYY-MM-DD` meaning its midnight in the
/// time zone; the period is [since, until).
enum PeriodBounds {
    /// The time `text` names, nil when it names none.
    static func time(_ text: String, in zone: ReportTimeZone) -> Timestamp? {
        if let time = Timestamp.parse(text) { return time }
        guard text.count == 10, let day = Timestamp.parse(text + "T00:00:00Z")?.dayNumber else { return nil }
        return zone.startOfDay(day)
    }

    /// Checks both bounds: each a time, and since before until.
    /// - Parameter consequence: what an empty period would mean, for the message.
    static func validate(since: String?, until: String?, zone: ReportTimeZone, consequence: String) throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, time(value, in: zone) == nil {
                throw ValidationError(
                    "\(name) takes an RFC 3339 time (2026-10-05T14:03:07Z) or a day (2026-10-05), not '\(value.displaySafe)'."
                )
            }
        }
        if let since, let until, let start = time(since, in: zone), let end = time(until, in: zone), start >= end {
            throw ValidationError(
                "--since \(since.displaySafe) is not before --until \(until.displaySafe): \(consequence). The period is [since, until)."
            )
        }
    }

    /// Both bounds as times (read once: a day reads the zone's transitions from the tz database).
    static func times(since: String?, until: String?, zone: ReportTimeZone) -> (Timestamp?, Timestamp?) {
        (since.flatMap { time($0, in: zone) }, until.flatMap { time($0, in: zone) })
    }
}
