/// Summary statistics of a set of durations in seconds, percentiles by the nearest-rank method.
package struct DistributionSummary: Sendable, Equatable {
    package var count: Int
    package var mean: Double
    package var p50: Double
    package var p90: Double
    package var p95: Double
    package var max: Double
    /// How many values fall in each of `ResponseBucket`'s buckets.
    package var bucketCounts: [Int]

    /// Summarises `values`; nil when there are none.
    package init?(_ values: consuming [Double]) {
        var sorted = values
        sorted.sort()
        self.init(sorted: sorted)
    }

    /// Summarises values already in ascending order; nil when there are none.
    init?(sorted: [Double]) {
        guard !sorted.isEmpty else { return nil }
        count = sorted.count
        mean = sorted.reduce(0, +) / Double(sorted.count)
        p50 = Self.nearestRank(50, sorted)
        p90 = Self.nearestRank(90, sorted)
        p95 = Self.nearestRank(95, sorted)
        max = sorted[sorted.count - 1]
        bucketCounts = ResponseBucket.counts(sorted: sorted)
    }

    /// The value at rank ⌈p/100 × n⌉ of the sorted values.
    static func nearestRank(_ percent: Int, _ sorted: [Double]) -> Double {
        let rank = (percent * sorted.count + 99) / 100
        return sorted[Swift.max(rank, 1) - 1]
    }
}
