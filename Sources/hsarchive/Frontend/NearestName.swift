/// The name a user probably meant, for "did you mean …?".
enum NearestName {
    /// The name among `names` fewest edits from `typed` (case aside), if it is within `edits`.
    static func find(_ typed: String, among names: [String], within edits: Int = 2) -> String? {
        let typed = typed.lowercased()
        let near = names.map { ($0, editDistance(typed, $0.lowercased())) }.filter { $0.1 <= edits }
        return near.min(by: { $0.1 < $1.1 })?.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions of characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
