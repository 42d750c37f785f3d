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
        mean = Self.exactMean(sorted)
        p50 = Self.nearestRank(50, sorted)
        p90 = Self.nearestRank(90, sorted)
        p95 = Self.nearestRank(95, sorted)
        max = sorted[sorted.count - 1]
        bucketCounts = ResponseBucket.counts(sorted: sorted)
    }

    /// The mean of durations that are whole milliseconds, computed exactly and rounded to the
    /// millisecond, halves away from zero: a floating-point sum could land a hair below a half
    /// (10564.0455 s as 10564.04549…) and round the written value down.
    static func exactMean(_ values: [Double]) -> Double {
        let total = values.reduce(Int64(0)) { $0 + Int64(($1 * 1000).rounded()) }
        let count = Int64(values.count)
        let magnitude = (2 * total.magnitude + UInt64(count)) / (2 * UInt64(count))
        return Double(total < 0 ? -Int64(magnitude) : Int64(magnitude)) / 1000
    }

    /// The value at rank ⌈p/100 × n⌉ of the sorted values.
    static func nearestRank(_ percent: Int, _ sorted: [Double]) -> Double {
        let rank = (percent * sorted.count + 99) / 100
        return sorted[Swift.max(rank, 1) - 1]
    }
}
