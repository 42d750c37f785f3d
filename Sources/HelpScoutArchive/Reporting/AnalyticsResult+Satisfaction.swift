extension AnalyticsResult {
    /// One period of CSAT over time, with its ratings.
    struct RatedPeriod {
        var bucket: CalendarBucket
        /// Whether the report's period covers it only in part.
        var isPartial: Bool
        var ratings: SatisfactionRow
    }

    /// CSAT over time as report.md's table and its chart show it: by ISO week (`csat.csv`'s week
    /// rows) while the period counts by day or week, else by the series' months, years or decades,
    /// every one of them, or past 60 the latest 60 with ratings.
    var satisfactionOverTime: (granularity: Granularity, periods: [RatedPeriod]) {
        guard let granularity = series.first?.bucket.granularity, granularity > .week else {
            let weeks = satisfaction.compactMap { row -> RatedPeriod? in
                guard case .week(let week) = row.key else { return nil }
                let fourth = Timestamp.daysFromCivil(year: week.year, month: 1, day: 4)
                let bucket = CalendarBucket(.week, holding: fourth + (week.week - 1) * 7)
                return RatedPeriod(
                    bucket: bucket, isPartial: periodDays.map(bucket.reaches) ?? false, ratings: row)
            }
            return (.week, weeks)
        }
        let points = MarkdownReport.tableRows(series) { $0.ratings.ratings > 0 }
        return (
            granularity, points.map { RatedPeriod(bucket: $0.bucket, isPartial: $0.isPartial, ratings: $0.ratings) }
        )
    }
}
