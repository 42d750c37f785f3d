extension BidirectionalCollection {
    /// The collection without the elements at either end that `isTrimmed` accepts, as a slice
    /// (empty when it accepts them all): the one trimming loop, whatever counts as white space.
    func trimming(while isTrimmed: (Element) -> Bool) -> SubSequence {
        guard let first = firstIndex(where: { !isTrimmed($0) }) else { return self[endIndex...] }
        let last = lastIndex(where: { !isTrimmed($0) })!
        return self[first...last]
    }
}
