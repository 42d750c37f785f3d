/// The counts of a run: every non-blank line has exactly one status.
public struct RunSummary: Sendable, Equatable {
    /// Lines per status, in the order of `DeliveryStatus.allCases`.
    private var counts = [Int](repeating: 0, count: DeliveryStatus.allCases.count)
    /// The inputs that could not be read to their end, in the order they ended.
    public var failures: [InputFailure] = []
    /// What was read of each input, in the order they were processed.
    public var inputs: [InputRecord] = []
    /// The inputs' names as findings show them, in the order they were processed.
    public var inputNames: [String] { inputs.map(\.name) }
    /// How many inputs the run had.
    public var inputCount: Int { inputs.count }
    /// The configured secrets' ids (`SecretKeyring.keyIds`), in the keyring's order.
    package var keyIds: [String] = []
    /// The earliest and the latest time of a verified event; `nil` when none was verified, or when
    /// the run decoded statuses alone.
    public var firstEventTime: Timestamp?
    public var lastEventTime: Timestamp?
    /// Conversations the verified events concern (deleted and merged ones included); `nil` when the
    /// run decoded statuses alone (`verify`), which leaves the conversations unread.
    public var conversationCount: Int?
    /// Inputs whose every line was malformed (and that had lines): probably not webhook archives.
    package var inputsAllMalformed: [Int] = []
    /// Inputs read to their end that held no line at all.
    package var emptyInputs: [Int] = []
    /// How the signatures checked fared.
    package var signatures = SignatureTally()

    package init() {}

    /// How many lines got `status`.
    public func count(_ status: DeliveryStatus) -> Int { counts[status.index] }

    /// Counts one more line with `status`, or `times` more.
    package mutating func add(_ status: DeliveryStatus, times: Int = 1) { counts[status.index] += times }

    /// Non-blank lines read: the sum of the six statuses.
    public var total: Int { counts.reduce(0, +) }

    /// How often each configured secret matched a signature, in the keyring's order.
    public var keys: [KeyTally] {
        keyIds.enumerated().map { index, id in
            KeyTally(
                keyId: id,
                signaturesMatched: index < signatures.matchedPerKey.count ? signatures.matchedPerKey[index] : 0)
        }
    }

    /// Whether nothing at all was read: every input failed before its first line.
    package var readNothing: Bool { inputCount > 0 && failures.count == inputCount && total == 0 }

    /// Whether signatures were checked and not one matched any secret: the likely cause is a wrong
    /// secret, not that every delivery is forged.
    package var noSignatureMatched: Bool { signatures.mismatched > 0 && signatures.matched == 0 }
}
