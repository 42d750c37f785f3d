/// Signatures checked: those that matched a configured secret (whatever the body then turned out
/// to be) and the well-formed digests that matched none.
package struct SignatureTally: Sendable, Equatable {
    package var matched = 0
    package var mismatched = 0

    package init() {}

    mutating func count(_ check: SignatureVerifier.Check) {
        switch check {
        case .matches: matched += 1
        case .mismatch: mismatched += 1
        case .notADigest: break
        }
    }

    mutating func add(_ other: SignatureTally) {
        matched += other.matched
        mismatched += other.mismatched
    }
}
