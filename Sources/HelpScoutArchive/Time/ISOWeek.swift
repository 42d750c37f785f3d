/// An ISO 8601 week: weeks start on Monday, and week 1 is the one holding the year's first Thursday.
package struct ISOWeek: Hashable, Sendable {
    package var year: Int
    package var week: Int

    package init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    /// The week of an instant's UTC day.
    package init(_ time: Timestamp) { self.init(dayNumber: time.dayNumber) }

    /// The week of a UTC day, given as whole days since 1970-01-01.
    package init(dayNumber days: Int) {
        let thursday = days - Timestamp.weekday(ofDay: days) + 3
        year = Timestamp.civil(fromDays: thursday).year
        week = (thursday - Timestamp.daysFromCivil(year: year, month: 1, day: 1)) / 7 + 1
    }

    /// `2026-W41`.
    package var text: String { "\(Timestamp.pad(year, 4))-W\(Timestamp.pad(week, 2))" }
}
