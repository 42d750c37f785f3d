/// Summary statistics of a set of durations in seconds, percentiles by the nearest-rank method
/// (the value at rank ⌈p/100 × n⌉ of the values in ascending order).
package struct DistributionSummary: Sendable, Equatable {
    package var count: Int
    package var mean: Double
    package var p50: Double
    package var p90: Double
    package var p95: Double
    package var max: Double
    /// How many values fall in each of `ResponseBucket`'s buckets; empty unless counted.
    package var bucketCounts: [Int]

    /// Summarises `values`, in any order; nil when there are none. The percentiles are found by
    /// selection rather than a sort, in linear time (`select(ranks:in:)`): sorting the samples was
    /// a fifth of the metrics' time (measured with `hsarchive-stages --merge` on the bench set).
    /// - Parameter countingBuckets: whether `bucketCounts` is counted. Only scope `all` is shown by
    ///   bucket, and counting every mailbox's, agent's and day's cost about as much as the rest of
    ///   the response times' rows.
    package init?(_ values: consuming [Double], countingBuckets: Bool = true) {
        guard !values.isEmpty else { return nil }
        let count = values.count
        func rank(_ percent: Int) -> Int { Swift.max((percent * count + 99) / 100, 1) - 1 }
        let found = Self.select(ranks: [rank(50), rank(90), rank(95), count - 1], in: values)
        self.count = count
        mean = Self.exactMean(values)
        (p50, p90, p95, max) = (found[0], found[1], found[2], found[3])
        bucketCounts = countingBuckets ? ResponseBucket.counts(values) : []
    }

    /// A key for each value whose order as an unsigned number is the values' order (the sign bit
    /// flipped for a positive value, every bit for a negative one), and back.
    @inline(__always)
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits >> 63 == 0 ? bits | 1 << 63 : ~bits
    }

    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    /// The values of the given ranks (from 0) among `values`, found in three passes whose branches
    /// do not depend on how the values compare: the keys' range is cut into 2,048 bins, the bins
    /// are counted, and only the values in the bins that hold the ranks are gathered and selected
    /// among (`select(_:in:below:)`). Hoare's selection over all the values, whose comparisons go
    /// either way at random, took longer for fewer instructions: the bench merge's metrics 60.4 ms
    /// to 54.5 ms best, 80.3 ms to 66.3 ms median (`hsarchive-stages --merge`, 14 runs of each,
    /// interleaved).
    static func select(ranks: [Int], in values: [Double]) -> [Double] {
        var low = UInt64.max, high = UInt64.min
        for value in values {
            let key = key(value)
            low = Swift.min(low, key)
            high = Swift.max(high, key)
        }
        guard low != high else { return ranks.map { _ in value(low) } }
        let shift = UInt64(Swift.max(0, (64 - (high - low).leadingZeroBitCount) - 11))
        var bins = [Int32](repeating: 0, count: 2048)
        bins.withUnsafeMutableBufferPointer { bins in
            for value in values { bins[Int(truncatingIfNeeded: (key(value) - low) >> shift)] &+= 1 }
        }
        // The bin of each rank, and how many values come before that bin.
        var binOfRank: [Int] = [], before: [Int] = []
        var below = 0, bin = 0
        for rank in ranks.sorted() {
            while below + Int(bins[bin]) <= rank {
                below += Int(bins[bin])
                bin += 1
            }
            binOfRank.append(bin)
            before.append(below)
        }
        let wanted = Array(Set(binOfRank)).sorted()
        var gathered = [[Double]](repeating: [], count: wanted.count)
        // Each bin's place in `gathered`, -1 for the bins not wanted.
        var places = [Int16](repeating: -1, count: 2048)
        for (index, bin) in wanted.enumerated() {
            gathered[index].reserveCapacity(Int(bins[bin]))
            places[bin] = Int16(index)
        }
        for value in values {
            let place = places[Int(truncatingIfNeeded: (key(value) - low) >> shift)]
            if place >= 0 { gathered[Int(place)].append(value) }
        }
        var byRank: [Int: Double] = [:]
        for (position, rank) in ranks.sorted().enumerated() {
            let local = rank - before[position]
            gathered[Int(places[binOfRank[position]])].withUnsafeMutableBufferPointer { buffer in
                select(local, in: buffer, below: buffer.count)
                byRank[rank] = buffer[local]
            }
        }
        return ranks.map { byRank[$0]! }
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
