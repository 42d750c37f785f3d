import ArgumentParser
import HelpScoutArchive

/// `--since` and `--until`: an RFC 3339 time, or a day `YYYY-MM-DD` meaning its midnight in the
/// time zone; the period is [since, until).
enum PeriodBounds {
    /// The time `text` names, nil when it names none. A time must give its offset: without one it
    /// could mean UTC or the time zone's clock.
    static func time(_ text: String, in zone: ReportTimeZone) -> Timestamp? {
        if let day = day(text) { return zone.startOfDay(day) }
        let offset = text.utf8.dropFirst(19).contains { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        guard offset || text.hasSuffix("Z") || text.hasSuffix("z") else { return nil }
        return Timestamp.parse(text)
    }

    /// The day number of `YYYY-MM-DD`, nil for anything else.
    private static func day(_ text: String) -> Int? {
        guard text.utf8.count == 10 else { return nil }
        return Timestamp.parse(text + "T00:00:00Z")?.dayNumber
    }

    /// Checks both bounds: each a time, and since before until.
    /// - Parameter consequence: what an empty period would mean, for the message.
    static func validate(since: String?, until: String?, zone: ReportTimeZone, consequence: String) throws {
        for (name, value) in [("--since", since), ("--until", until)] {
            if let value, time(value, in: zone) == nil {
                throw ValidationError(
                    "\(name) takes an RFC 3339 time with its offset (2026-10-05T14:03:07Z, 2026-10-05T10:03:07-04:00) or a day (2026-10-05), not '\(value.displaySafe)'."
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

    /// The period: when both bounds are days, the period before is as many calendar days (which
    /// differ from its length in hours when the clocks change between them).
    static func window(since: String?, until: String?, zone: ReportTimeZone) -> ReportWindow {
        let (start, end) = times(since: since, until: until, zone: zone)
        var precedingStart: Timestamp?
        if let first = since.flatMap(day), let last = until.flatMap(day) {
            precedingStart = zone.startOfDay(first - (last - first))
        }
        return ReportWindow(start: start, end: end, precedingStart: precedingStart)
    }
}
