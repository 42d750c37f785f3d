/// The kinds of record in a partial's blocks, each a byte before its fields (docs/partials.md).
enum PartialRecord: UInt8 {
    /// First: the writing tool's version, the fingerprint method, the keyring's key ids, the inputs.
    case start = 1
    /// A verified event, first seen in the partial: its `DeliveryKey`, type and time.
    case event = 2
    /// A line that is neither verified nor a duplicate, as `audit.csv` lists it.
    case finding = 3
    /// Agent ids, in the order the fact store numbered them (up to `PartialFacts.idsPerRecord`).
    case agents = 4
    /// Mailbox ids, likewise.
    case mailboxes = 5
    /// One tag set, in the order the fact store numbered them.
    case tagSet = 6
    /// An agent's name: the first the events gave.
    case agentName = 7
    /// A mailbox's name, likewise.
    case mailboxName = 8
    /// Some of a conversation's facts: its flags, snapshots and threads (a conversation with very
    /// many takes several records).
    case conversation = 9
    /// One version of a rating.
    case rating = 10
    /// Last: the status counts, the signatures each key matched, and what was read of each input.
    case end = 11
}

/// The fingerprint method a run recognises retries by (`KernelChoice`): partials merge only with
/// partials made the same way.
enum FingerprintMethod {
    static func name(_ kernels: KernelChoice) -> String { kernels.runsKernels ? "xxh3-avx512" : "two-lane" }
}

extension ArchiveReadError {
    /// A byte per case, and its text, as a partial stores an input's error.
    var partialCode: (UInt8, String) {
        switch self {
        case .cannotOpen(let reason): return (1, reason)
        case .notReadable(let reason): return (2, reason)
        case .readFailed(let reason): return (3, reason)
        case .gzipCutShort: return (4, "")
        case .gzipCorrupt(let detail): return (5, detail)
        }
    }

    init?(partialCode: UInt8, text: String) {
        switch partialCode {
        case 1: self = .cannotOpen(reason: text)
        case 2: self = .notReadable(reason: text)
        case 3: self = .readFailed(reason: text)
        case 4: self = .gzipCutShort
        case 5: self = .gzipCorrupt(detail: text)
        default: return nil
        }
    }
}
