import HelpScoutArchiveSamples
import Testing

@testable import HelpScoutArchive

@Suite struct DistributionTests {
    /// The nearest-rank percentile of `values`, by sorting them: what selection must agree with.
    private func nearestRank(_ percent: Int, _ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[max((percent * sorted.count + 99) / 100, 1) - 1]
    }

    /// Shapes that break naive selection (sorted, reversed, one value repeated, organ pipes, few
    /// distinct values) and random ones, at every length up to 300 and some larger.
    @Test func percentilesBySelectionEqualThoseOfASortedCopy() {
        var generator = SampleRandom(seed: 41)
        var lengths = Array(1...300)
        lengths += [1000, 4096, 10_001]
        for length in lengths {
            let shapes: [[Double]] = [
                (0..<length).map { Double($0) },
                (0..<length).map { Double(length - $0) },
                Array(repeating: 42, count: length),
                (0..<length).map { Double(min($0, length - $0)) },
                (0..<length).map { _ in Double(Int.random(in: 0..<3, using: &generator)) },
                (0..<length).map { _ in Double(Int.random(in: 0..<100_000_000, using: &generator)) / 1000 },
                // Resolutions may be negative; and a few far values beside many near ones put
                // most values in one of the selection's bins.
                (0..<length).map { _ -> Double in Double(Int.random(in: -50_000...50_000, using: &generator)) / 1000 },
                (0..<length).map { (index: Int) -> Double in
                    index % 50 == 0 ? Double(index) * 1e9 : Double(index % 7) / 1000
                },
            ]
            for values in shapes {
                let summary = DistributionSummary(values)!
                #expect(summary.p50 == nearestRank(50, values), "p50 of \(length) values")
                #expect(summary.p90 == nearestRank(90, values), "p90 of \(length) values")
                #expect(summary.p95 == nearestRank(95, values), "p95 of \(length) values")
                #expect(summary.max == values.max() && summary.count == length)
                #expect(summary.bucketCounts.reduce(0, +) == length)
            }
        }
        #expect(DistributionSummary([]) == nil)
    }

    @Test func aSummaryCountsItsBucketsOnlyWhenAskedAndOtherwiseTheSame() {
        let values: [Double] = [10, 900, 2_000, 259_200, 4.5, 900]
        let counted = DistributionSummary(values)!
        let uncounted = DistributionSummary(values, countingBuckets: false)!
        #expect(counted.bucketCounts == [2, 2, 1, 0, 0, 0, 0, 0, 0, 1])
        #expect(uncounted.bucketCounts.isEmpty)
        var same = uncounted
        same.bucketCounts = counted.bucketCounts
        #expect(same == counted)
    }

    /// The keys the selection bins values by order them as the values are ordered, and give them back.
    @Test func aValuesKeyOrdersAsTheValuesDo() {
        let extreme = -Double(Int64(1) << 49) / 1000
        let values: [Double] = [extreme, -86_400, -1.5, -0.001, 0, 0.001, 1.5, 900, 86_400, 1e12]
        let keys = values.map(DistributionSummary.key)
        #expect(keys == keys.sorted() && Set(keys).count == keys.count)
        #expect(keys.map(DistributionSummary.value) == values)
        #expect(DistributionSummary.select(ranks: [0, 4, 9, 5], in: values.reversed()) == [values[0], 0, 1e12, 0.001])
    }

    /// Selection moves the value of rank k to k, nothing greater before it and nothing smaller after.
    @Test func selectionPartitionsAroundTheRank() {
        var values = (0..<1000).map { Double(($0 * 7919) % 1000) }
        values.withUnsafeMutableBufferPointer { buffer in
            DistributionSummary.select(500, in: buffer, below: 1000)
        }
        #expect(values[500] == 500)
        #expect(values[..<500].allSatisfy { $0 <= 500 } && values[501...].allSatisfy { $0 >= 500 })
    }

    /// Values come in conversation order now, not sorted: 16,384 resolutions of +2^49 ms before
    /// one of -2^49 ms overflowed a 64-bit running sum whose total fits.
    @Test func aMeanOfExtremeDurationsInAnyOrderDoesNotOverflow() {
        let large = Double(Int64(1) << 49) / 1000
        let values = Array(repeating: large, count: 16_384) + [-large]
        let summary = DistributionSummary(values)!
        // 16,383 × 2^49 / 16,385 ms, worked out exactly.
        #expect(summary.mean == 562_881_238_138.624)
        #expect(summary.max == large && summary.p50 == large)
        #expect(DistributionSummary([-large, -large, large])!.mean == -187_649_984_473.771)
    }
}
