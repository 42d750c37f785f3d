/// What a run reports as it goes, in archive order, from one thread at a time.
///
/// The pipeline calls an observer in exactly the order a single-threaded pass would, whatever the
/// number of jobs, so what an observer builds is deterministic.
public protocol RunObserver: AnyObject {
    /// A verified event seen for the first time.
    func record(event: DecodedEvent, at position: ArchivePosition)
    /// A line that is neither verified nor a duplicate (forged, unsigned, malformed, undecodable).
    func record(finding: Finding)
    /// An input that could not be read to its end; the lines before `lineReached` were recorded.
    func record(failure: InputFailure)
    /// An input that has been read as far as it could be.
    func finished(input: Int)
}

extension RunObserver {
    public func record(event: DecodedEvent, at position: ArchivePosition) {}
    public func record(finding: Finding) {}
    public func record(failure: InputFailure) {}
    public func finished(input: Int) {}
}

/// The counts of a run: every non-blank line has exactly one status.
public struct RunSummary: Sendable, Equatable {
    /// Lines per status, in the order of `DeliveryStatus.allCases`.
    private var counts = [Int](repeating: 0, count: DeliveryStatus.allCases.count)
    public var failures: [InputFailure] = []
    /// The inputs' names as findings show them, in the order they were processed.
    public var inputNames: [String] = []
    public var inputCount: Int { inputNames.count }
    /// Inputs whose every line was malformed (and that had lines): probably not webhook archives.
    public var inputsAllMalformed: [Int] = []
    /// Inputs read to their end that held no line at all.
    public var emptyInputs: [Int] = []
    /// How the signatures checked fared.
    public var signatures = SignatureTally()

    public init() {}

    public func count(_ status: DeliveryStatus) -> Int { counts[status.index] }

    /// Counts one more line with `status`.
    public mutating func add(_ status: DeliveryStatus) { counts[status.index] += 1 }

    /// Non-blank lines read: the sum of the six statuses.
    public var total: Int { counts.reduce(0, +) }

    /// Whether nothing at all was read: every input failed before its first line.
    public var readNothing: Bool { inputCount > 0 && failures.count == inputCount && total == 0 }

    /// Whether signatures were checked and not one matched any secret: the likely cause is a wrong
    /// secret, not that every delivery is forged.
    public var noSignatureMatched: Bool { signatures.mismatched > 0 && signatures.matched == 0 }
}

/// Signatures checked: those that matched a configured secret (whatever the body then turned out
/// to be) and the well-formed digests that matched none.
public struct SignatureTally: Sendable, Equatable {
    public var matched = 0
    public var mismatched = 0

    public init() {}

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
