/// The time buckets of `response_buckets.csv`, Help Scout's own for its response-time reports:
/// under 15 minutes, 15–30 minutes, 30–60 minutes, 1–2 hours, 2–3, 3–6, 6–12, 12–24 hours,
/// 1–2 days, over 2 days. Each bucket holds its lower bound, not its upper.
package enum ResponseBucket {
    /// The buckets' names, in order.
    package static let names = ["<15m", "15-30m", "30-60m", "1-2h", "2-3h", "3-6h", "6-12h", "12-24h", "1-2d", ">2d"]

    /// The lower bounds, in seconds, of every bucket but the first.
    static let bounds: [Double] = [900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800]

    /// How many of `values` (seconds, in any order) fall in each bucket.
    static func counts(_ values: [Double]) -> [Int] {
        var counts = [Int](repeating: 0, count: names.count)
        for value in values {
            // Counted without a branch per bound: the values come in no order.
            var bucket = 0
            for bound in bounds { bucket += value >= bound ? 1 : 0 }
            counts[bucket] += 1
        }
        return counts
    }
}
