extension RandomAccessCollection {
    /// The first index from `start` whose element is not `before`, for elements where those that
    /// are come first (sorted by the key `before` compares): a binary search, which the standard
    /// library does not have.
    func firstIndex(from start: Index, notBefore before: (Element) -> Bool) -> Index {
        var low = start, high = endIndex
        while low < high {
            let middle = index(low, offsetBy: distance(from: low, to: high) / 2)
            if before(self[middle]) { low = index(after: middle) } else { high = middle }
        }
        return low
    }
}
