/// The ratings of one key, counted: a row of `csat.csv`.
package struct SatisfactionRow: Sendable, Equatable {
    /// All, an agent, a mailbox or a week.
    package var key: MetricKey
    package var great = 0
    package var okay = 0
    package var notGood = 0

    package var ratings: Int { great + okay + notGood }
    /// 100 × great / ratings.
    package var csatPercent: Double { ratings == 0 ? 0 : 100 * Double(great) / Double(ratings) }
    /// Help Scout's happiness score: 100 × (great − not good) / ratings.
    package var happiness: Double { ratings == 0 ? 0 : 100 * Double(great - notGood) / Double(ratings) }

    mutating func count(_ score: RatingRecord.Score) {
        switch score {
        case .great: great += 1
        case .okay: okay += 1
        case .notGood: notGood += 1
        case .unknown: break
        }
    }
}
