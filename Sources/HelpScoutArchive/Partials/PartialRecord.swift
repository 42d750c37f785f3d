/// The kinds of record in a partial's blocks, each a byte before its fields (docs/partials.md).
enum PartialRecord: UInt8 {
    /// First: the writing tool's version, the fingerprint method and the keyring's key ids.
    case start = 1
    /// Next: inputs' names and paths, in order (up to `PartialRecord.inputsPerRecord` a record).
    case inputs = 12
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
    /// After the facts: what was read of inputs, in order (up to `inputsPerRecord` a record).
    case inputsRead = 13
    /// Last: the status counts, the signatures each key matched, the inputs that failed, were all
    /// malformed or were empty.
    case end = 11

    static let inputsPerRecord = 4096
    /// The largest count a partial may state (a run of a trillion lines is beyond any archive): sums
    /// of such counts over many partials cannot overflow.
    static let countLimit = 1 << 40
    /// The times a partial may state, in milliseconds: every instant hsarchive reads (years 0 to
    /// 9999, with any offset) is well inside, and arithmetic on a few of them cannot overflow.
    static let timeLimit: Int64 = 1 << 48

    static func isTime(_ value: Int64) -> Bool { (-timeLimit...timeLimit).contains(value) }
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
