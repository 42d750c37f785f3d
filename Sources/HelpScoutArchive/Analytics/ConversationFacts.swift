/// Compact facts about one conversation, gathered from every event that concerns it, in any order.
///
/// Optional values use `Fact.none` so each fact stays a few machine words.
public struct ConversationFacts: Sendable {
    public var snapshots: [SnapshotFact] = []
    public var threads: [ThreadFact] = []
    /// Whether a `convo.created` event was seen (first response is measured only then).
    public var hasCreatedEvent = false
    /// Whether a `convo.deleted` event was seen: the conversation is left out of the metrics.
    public var isDeleted = false
    private var threadIds: Set<Int64>?

    public init() {}

    /// Adds a thread unless one with its id was seen before (the first seen is kept). Threads
    /// without a time cannot be placed and are left out.
    mutating func add(_ thread: ThreadRecord) {
        guard let time = thread.createdAt else { return }
        let fact = ThreadFact(id: thread.id ?? Fact.none, time: time.milliseconds,
                              author: thread.author?.id ?? Fact.none, kind: thread.kind)
        if let id = thread.id {
            if threadIds == nil && threads.count >= 32 { threadIds = Set(threads.map(\.id)) }
            if threadIds != nil {
                guard threadIds!.insert(id).inserted else { return }
            } else if threads.contains(where: { $0.id == id }) {
                return
            }
        } else if threads.contains(where: { $0 == fact }) {
            return
        }
        threads.append(fact)
    }

    /// The snapshots in event order: by time, ties in archive order.
    public var orderedSnapshots: [SnapshotFact] {
        snapshots.sorted { ($0.time, $0.position) < ($1.time, $1.position) }
    }

    /// The threads in time order, ties by thread id.
    public var orderedThreads: [ThreadFact] {
        threads.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
    }
}

/// Sentinels for absent values inside facts.
public enum Fact {
    public static let none = Int64.min
}

/// A conversation as one event showed it.
public struct SnapshotFact: Sendable, Equatable {
    public var time: Int64
    /// `ArchivePosition.packed`: breaks ties between equal times in archive order.
    public var position: UInt64
    public var createdAt: Int64
    public var closedAt: Int64
    public var assignee: Int64
    public var mailbox: Int64
    /// Index of the snapshot's tag set in `FactStore.tagSets`, or -1 without a `tags` array.
    public var tagSet: Int32
    public var isClosed: Bool
}

/// A thread: a customer message, an agent reply, a note or something else.
public struct ThreadFact: Sendable, Equatable {
    public var id: Int64
    public var time: Int64
    public var author: Int64
    public var kind: ThreadRecord.Kind
}

/// One version of a satisfaction rating.
public struct RatingFact: Sendable {
    public enum Identity: Hashable, Sendable {
        case rating(Int64), thread(Int64), conversation(Int64)
    }

    public var identity: Identity
    public var conversation: Int64
    public var time: Int64
    public var position: UInt64
    public var score: RatingRecord.Score
    public var agent: Int64
    public var mailbox: Int64
}

extension ArchivePosition {
    /// Input and line in one comparable number.
    public var packed: UInt64 { UInt64(input) << 40 | UInt64(line) }
}
