extension Dictionary {
    /// Changes the value of `key` with `change`, adding `make` first when there is none: what
    /// `self[key, default: make]` does, without the cost of the default. Where the default
    /// captures a value (a row made from its key), Swift allocated a context for it on the heap on
    /// every call: once or twice per assignment change in `AssignmentChurn.add`, 71,376 allocations
    /// over the bench merge (callgrind).
    @inline(__always)
    mutating func change(_ key: Key, orAdd make: @autoclosure () -> Value, _ change: (inout Value) -> Void) {
        if let index = index(forKey: key) {
            change(&values[index])
        } else {
            var value = make()
            change(&value)
            self[key] = value
        }
    }
}
