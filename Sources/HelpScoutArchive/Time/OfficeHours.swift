/// A team's office hours: on each weekday, the wall-clock intervals the office is open, in the
/// report's time zone, and the holidays on which it is not (`--office-hours`, `--holidays`).
///
/// Office time between two instants is the length of the interval between them that falls inside
/// office hours, counted in that zone's wall-clock time: 09:00–17:00 is eight office hours on the
/// days the clocks change too.
public struct OfficeHours: Sendable, Equatable {
    /// The schedule as given, for people: `Mon-Fri 09:00-17:00`.
    public let schedule: String
    /// Per weekday (0 Monday … 6 Sunday), the open intervals as minutes after midnight, sorted and
    /// not overlapping.
    private let openMinutes: [[Range<Int>]]
    /// The zone's calendar days (days since 1970-01-01) with no office hours.
    public var holidays: Set<Int> = []

    private static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    /// Parses `Mon-Fri 09:00-17:00` or `Mon-Thu 08:30-17:30,Fri 08:30-13:00`: comma-separated
    /// entries of a day or a range of days (which may wrap, `Sat-Sun`, `Fri-Mon`) and `HH:MM-HH:MM`,
    /// `24:00` allowed as an end. Entries for the same day are united.
    /// - Throws: a message naming the entry that cannot be read.
    public init(parsing schedule: String) throws(OfficeHoursError) {
        self.schedule = schedule.trimmed
        var open = [[Range<Int>]](repeating: [], count: 7)
        let entries = schedule.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmed }
        guard !entries.isEmpty, !entries.contains(where: \.isEmpty) else {
            throw .schedule(schedule, "an entry is empty (a comma too many?)")
        }
        for entry in entries {
            let parts = entry.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count == 2 else {
                throw .schedule(entry, "write a day or days and a time range, such as Mon-Fri 09:00-17:00")
            }
            guard let days = Self.days(parts[0]) else {
                throw .schedule(
                    entry,
                    "'\(String(parts[0]).displaySafe)' is not a day or a range of days, such as Mon, Mon-Fri or Sat-Sun"
                )
            }
            for day in days { open[day].append(try Self.minutes(parts[1], in: entry)) }
        }
        openMinutes = open.map(Self.merged)
    }

    /// `Mon`, `mon-fri`, `Sat-Sun`: weekday numbers, wrapping past Sunday.
    private static func days(_ text: Substring) -> [Int]? {
        let names = text.lowercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(names.count), let first = dayNames.firstIndex(of: names[0]),
            let last = dayNames.firstIndex(of: names[names.count - 1])
        else { return nil }
        var days = [first]
        while days.last! != last { days.append((days.last! + 1) % 7) }
        return days
    }

    /// `09:00-17:00`: minutes after midnight, the end after the start and at most 24:00.
    private static func minutes(_ text: Substring, in entry: String) throws(OfficeHoursError) -> Range<Int> {
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2 else {
            throw .schedule(entry, "'\(String(text).displaySafe)' is not a time range, such as 09:00-17:00")
        }
        guard let start = clock(ends[0]), let end = clock(ends[1]) else {
            throw .schedule(entry, "'\(String(text).displaySafe)' holds a time that is not HH:MM from 00:00 to 24:00")
        }
        guard start < end else {
            throw .schedule(
                entry,
                "the range does not end after it starts; hours past midnight are an entry of their own, such as Mon-Fri 17:00-24:00,Tue-Sat 00:00-09:00"
            )
        }
        return start..<end
    }

    /// `HH:MM` as minutes after midnight; `24:00` is 1440.
    private static func clock(_ text: Substring) -> Int? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2, fields.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hours = Int(fields[0]), let minutes = Int(fields[1]), minutes < 60
        else { return nil }
        let total = hours * 60 + minutes
        return total <= 1440 ? total : nil
    }

    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The holidays of a `--holidays` file: one `YYYY-MM-DD` a line (lines end as `String.textFileLines`
    /// reads them); blank lines and everything after a `#` are ignored.
    /// - Throws: the line that is not a date.
    public static func holidays(parsing text: String, file: String) throws(OfficeHoursError) -> Set<Int> {
        var days = Set<Int>()
        for line in text.textFileLines {
            let date = String(line.text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                .trimmed
            guard !date.isEmpty else { continue }
            guard date.count == 10, let day = Timestamp.parse(date + "T00:00:00Z") else {
                throw .holidays(file: file, line: line.number, date.displaySafe)
            }
            days.insert(day.dayNumber)
        }
        return days
    }

    /// Milliseconds of office time in [start, end), in `zone`'s wall-clock time.
    package func officeMilliseconds(from start: Timestamp, to end: Timestamp, in zone: ReportTimeZone) -> Int64 {
        let from = zone.wallClock(start), to = zone.wallClock(end)
        guard to > from else { return 0 }
        let dayLength: Int64 = 86_400_000
        var total: Int64 = 0
        var day = Timestamp(milliseconds: from).dayNumber
        let lastDay = Timestamp(milliseconds: to - 1).dayNumber
        while day <= lastDay {
            defer { day += 1 }
            guard !holidays.contains(day) else { continue }
            let midnight = Int64(day) * dayLength
            for open in openMinutes[Timestamp.weekday(ofDay: day)] {
                let opens = midnight + Int64(open.lowerBound) * 60_000
                let closes = midnight + Int64(open.upperBound) * 60_000
                total += max(0, min(closes, to) - max(opens, from))
            }
        }
        return total
    }
}

/// Why `--office-hours` or `--holidays` cannot be used.
public enum OfficeHoursError: Error, Sendable, Equatable {
    case schedule(String, String)
    case holidays(file: String, line: Int, String)

    /// A sentence for the user.
    public var message: String {
        switch self {
        case .schedule(let entry, let why): return "--office-hours: cannot read '\(entry.displaySafe)': \(why)"
        case .holidays(let file, let line, let text):
            return "\(file):\(line): '\(text)' is not a date YYYY-MM-DD (one a line, # starts a comment)"
        }
    }
}
