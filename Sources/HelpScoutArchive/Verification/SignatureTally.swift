/// Signatures checked: those that matched a configured secret (whatever the body then turned out
/// to be) and the well-formed digests that matched none.
package struct SignatureTally: Sendable, Equatable {
    package var mismatched = 0
    /// Signatures each secret matched, by its place in the keyring (the array grows as needed).
    package private(set) var matchedPerKey: [Int] = []

    package init() {}

    /// Signatures that matched a secret, whichever.
    package var matched: Int { matchedPerKey.reduce(0, +) }

    mutating func count(_ check: SignatureVerifier.Check) {
        switch check {
        case .matches(_, let key): countMatch(key: key)
        case .mismatch: mismatched += 1
        case .notADigest: break
        }
    }

    package mutating func countMatch(key: Int, times: Int = 1) {
        if matchedPerKey.count <= key { matchedPerKey += Array(repeating: 0, count: key + 1 - matchedPerKey.count) }
        matchedPerKey[key] += times
    }

    mutating func add(_ other: SignatureTally) {
        mismatched += other.mismatched
        for (key, times) in other.matchedPerKey.enumerated() where times > 0 { countMatch(key: key, times: times) }
    }
}
