/// How finely the report's time tables and charts count: by day while the period is short, then by
/// ISO week, month, year or decade, so that no table or chart of a long span passes about 60 rows.
package enum Granularity: Int, Sendable, Comparable, CaseIterable {
    case day, week, month, year, decade

    /// Up to 45 days by day, up to 60 weeks by week, up to 60 months by month, up to 40 years by
    /// year, then by decade.
    package static func fitting(days: Int) -> Granularity {
        switch days {
        case ...45: .day
        case ...(60 * 7): .week
        case ...(60 * 30): .month
        case ...(40 * 366): .year
        default: .decade
        }
    }

    package static func < (a: Granularity, b: Granularity) -> Bool { a.rawValue < b.rawValue }

    /// `day`, `week` …, for sentences.
    package var name: String { ["day", "week", "month", "year", "decade"][rawValue] }
}

/// One day, ISO week, month or year of the time zone's calendar, named by its first day.
package struct CalendarBucket: Sendable, Hashable, Comparable {
    package var granularity: Granularity
    /// Its first day, as days since 1970-01-01.
    package var firstDay: Int

    /// The bucket of `granularity` that holds `day`.
    package init(_ granularity: Granularity, holding day: Int) {
        self.granularity = granularity
        switch granularity {
        case .day: firstDay = day
        case .week: firstDay = day - Timestamp.weekday(ofDay: day)
        case .month:
            let (year, month, _) = Timestamp.civil(fromDays: day)
            firstDay = Timestamp.daysFromCivil(year: year, month: month, day: 1)
        case .year: firstDay = Timestamp.daysFromCivil(year: Timestamp.civil(fromDays: day).year, month: 1, day: 1)
        case .decade:
            let year = Timestamp.civil(fromDays: day).year
            firstDay = Timestamp.daysFromCivil(year: year - ((year % 10) + 10) % 10, month: 1, day: 1)
        }
    }

    /// The day after its last.
    package var endDay: Int {
        switch granularity {
        case .day: return firstDay + 1
        case .week: return firstDay + 7
        case .month:
            let (year, month, _) = Timestamp.civil(fromDays: firstDay)
            return month == 12
                ? Timestamp.daysFromCivil(year: year + 1, month: 1, day: 1)
                : Timestamp.daysFromCivil(year: year, month: month + 1, day: 1)
        case .year: return Timestamp.daysFromCivil(year: Timestamp.civil(fromDays: firstDay).year + 1, month: 1, day: 1)
        case .decade:
            return Timestamp.daysFromCivil(year: Timestamp.civil(fromDays: firstDay).year + 10, month: 1, day: 1)
        }
    }

    /// Whether it reaches outside `days`: a week, month or year a period covers only in part.
    package func reaches(outside days: ClosedRange<Int>) -> Bool {
        firstDay < days.lowerBound || endDay - 1 > days.upperBound
    }

    /// The next bucket.
    package var next: CalendarBucket { CalendarBucket(granularity, holding: endDay) }

    /// `2026-10-05`, `2026-W41`, `2026-10`, `2026`.
    package var label: String {
        switch granularity {
        case .day: return Timestamp.dayString(firstDay)
        case .week: return ISOWeek(dayNumber: firstDay).text
        case .month: return String(Timestamp.dayString(firstDay).prefix(7))
        case .year: return String(Timestamp.dayString(firstDay).prefix(4))
        case .decade: return String(Timestamp.dayString(firstDay).prefix(4)) + "s"
        }
    }

    /// The buckets that cover `days`, in order.
    package static func covering(_ days: ClosedRange<Int>, by granularity: Granularity) -> [CalendarBucket] {
        var buckets: [CalendarBucket] = []
        var bucket = CalendarBucket(granularity, holding: days.lowerBound)
        while bucket.firstDay <= days.upperBound {
            buckets.append(bucket)
            bucket = bucket.next
        }
        return buckets
    }

    package static func < (a: CalendarBucket, b: CalendarBucket) -> Bool {
        (a.granularity, a.firstDay) < (b.granularity, b.firstDay)
    }
}
