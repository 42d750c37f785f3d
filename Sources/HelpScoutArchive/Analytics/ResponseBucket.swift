/// The time buckets of `response_buckets.csv`, Help Scout's own for its response-time reports:
/// under 15 minutes, 15–30 minutes, 30–60 minutes, 1–2 hours, 2–3, 3–6, 6–12, 12–24 hours,
/// 1–2 days, over 2 days. Each bucket holds its lower bound, not its upper.
package enum ResponseBucket {
    /// The buckets' names, in order.
    package static let names = ["<15m", "15-30m", "30-60m", "1-2h", "2-3h", "3-6h", "6-12h", "12-24h", "1-2d", ">2d"]

    /// The lower bounds, in seconds, of every bucket but the first.
    static let bounds: [Double] = [900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800]

    /// How many of `sorted` (ascending seconds) fall in each bucket.
    static func counts(sorted: [Double]) -> [Int] {
        var starts = [0]
        for bound in bounds {
            // The first index at or above the bound, by binary search.
            var low = starts.last!, high = sorted.count
            while low < high {
                let middle = (low + high) / 2
                if sorted[middle] < bound { low = middle + 1 } else { high = middle }
            }
            starts.append(low)
        }
        starts.append(sorted.count)
        return (0..<names.count).map { starts[$0 + 1] - starts[$0] }
    }
}
