/// Summary statistics of a set of durations in seconds, percentiles by the nearest-rank method
/// (the value at rank ⌈p/100 × n⌉ of the values in ascending order).
package struct DistributionSummary: Sendable, Equatable {
    package var count: Int
    package var mean: Double
    package var p50: Double
    package var p90: Double
    package var p95: Double
    package var max: Double
    /// How many values fall in each of `ResponseBucket`'s buckets.
    package var bucketCounts: [Int]

    /// Summarises `values`, in any order; nil when there are none. The percentiles are found by
    /// selection rather than a sort, in linear time: sorting the samples was a fifth of the
    /// metrics' time (measured with `hsarchive-stages --merge` on the bench set).
    package init?(_ values: consuming [Double]) {
        guard !values.isEmpty else { return nil }
        let count = values.count
        func rank(_ percent: Int) -> Int { Swift.max((percent * count + 99) / 100, 1) - 1 }
        var percentiles = (p50: 0.0, p90: 0.0, p95: 0.0, max: 0.0)
        values.withUnsafeMutableBufferPointer { buffer in
            // Each selection leaves the smaller values before its rank: the next looks only there,
            // and the largest is among those after the first.
            Self.select(rank(95), in: buffer, below: count)
            Self.select(rank(90), in: buffer, below: rank(95) + 1)
            Self.select(rank(50), in: buffer, below: rank(90) + 1)
            percentiles = (buffer[rank(50)], buffer[rank(90)], buffer[rank(95)], buffer[rank(95)...].max()!)
        }
        self.count = count
        mean = Self.exactMean(values)
        (p50, p90, p95, max) = percentiles
        bucketCounts = ResponseBucket.counts(values)
    }

    /// The mean of durations that are whole milliseconds, computed exactly and rounded to the
    /// millisecond, halves away from zero: a floating-point sum could land a hair below a half
    /// (10564.0455 s as 10564.04549…) and round the written value down. The sum is 128-bit: in
    /// any order of values (a resolution may be negative, times reach ±2^48 ms), it cannot overflow.
    static func exactMean(_ values: [Double]) -> Double {
        var total = Int128(0)
        for value in values { total += Int128(wholeMilliseconds(value)) }
        let count = UInt128(values.count)
        let magnitude = (2 * total.magnitude + count) / (2 * count)
        return Double(total < 0 ? -Int64(magnitude) : Int64(magnitude)) / 1000
    }

    /// `seconds` in whole milliseconds, as `(seconds * 1000).rounded()` gives them for a value that
    /// is a whole number of milliseconds (within a hair of one: never near a half), without a call
    /// into libm for each value.
    @inline(__always)
    static func wholeMilliseconds(_ seconds: Double) -> Int64 {
        let scaled = seconds * 1000
        return Int64(scaled + (scaled < 0 ? -0.5 : 0.5))
    }

    /// Moves the value of rank `k` (from 0) among `buffer[..<end]` to index `k`, values not
    /// greater before it and not smaller after it (Hoare's selection, median-of-three pivots;
    /// sorting the rest when the partitions keep coming out lopsided, so no input takes quadratic time).
    static func select(_ k: Int, in buffer: UnsafeMutableBufferPointer<Double>, below end: Int) {
        var low = 0, high = end - 1
        var budget = 2 * (Int.bitWidth - end.leadingZeroBitCount) + 4
        while low < high {
            guard budget > 0 else {
                var rest = UnsafeMutableBufferPointer(rebasing: buffer[low...high])
                rest.sort()
                return
            }
            budget -= 1
            let middle = low + (high - low) / 2
            if buffer[middle] < buffer[low] { buffer.swapAt(middle, low) }
            if buffer[high] < buffer[low] { buffer.swapAt(high, low) }
            if buffer[high] < buffer[middle] { buffer.swapAt(high, middle) }
            let pivot = buffer[middle]
            var i = low, j = high
            while i <= j {
                while buffer[i] < pivot { i += 1 }
                while pivot < buffer[j] { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }
}
