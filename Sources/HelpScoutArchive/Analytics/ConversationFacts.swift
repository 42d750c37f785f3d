/// Compact facts about one conversation, gathered from every event that concerns it, in any order.
///
/// Agents and mailboxes are indices into the store's `IdTable`s (`IdTable.none` when absent), so a
/// snapshot takes 32 bytes and a thread 24.
public struct ConversationFacts: Sendable {
    public var snapshots: [SnapshotFact] = []
    public var threads: [ThreadFact] = []
    /// The `createdAt` of the earliest snapshot (in event order) that gives one: where resolution starts.
    public private(set) var createdAt: Int64 = Fact.none
    private var createdAtKey = (time: Int64.max, sequence: UInt32.max)
    /// Whether a `convo.created` event was seen (first response is measured only then).
    public var hasCreatedEvent = false
    /// Whether a `convo.deleted` event was seen: the conversation is left out of the metrics.
    public var isDeleted = false
    private var threadIds: Set<Int64>?

    public init() {}

    /// Adds a snapshot, noting its `createdAt` if it is the earliest snapshot to give one.
    mutating func add(_ snapshot: SnapshotFact, createdAt: Int64?) {
        snapshots.append(snapshot)
        if let createdAt, (snapshot.time, snapshot.sequence) < createdAtKey {
            createdAtKey = (snapshot.time, snapshot.sequence)
            self.createdAt = createdAt
        }
    }

    /// Adds a thread unless one with its id was seen before (the first seen is kept).
    mutating func add(_ fact: ThreadFact) {
        if fact.id != Fact.none {
            if threadIds == nil && threads.count >= 32 { threadIds = Set(threads.map(\.id)) }
            if threadIds != nil {
                guard threadIds!.insert(fact.id).inserted else { return }
            } else if threads.contains(where: { $0.id == fact.id }) {
                return
            }
        } else if threads.contains(where: { $0 == fact }) {
            return
        }
        threads.append(fact)
    }

    /// The snapshots in event order: by time, ties in archive order.
    public var orderedSnapshots: [SnapshotFact] {
        snapshots.sorted { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
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

/// A conversation as one event showed it: 32 bytes.
public struct SnapshotFact: Sendable, Equatable {
    public var time: Int64
    /// When the conversation was closed as of this snapshot (`closedAt`, else the event time);
    /// `Fact.none` when it was not closed.
    public var closedEnd: Int64
    /// The event's place in archive order, to break ties between equal times.
    public var sequence: UInt32
    /// Index in `FactStore.tagSets`, or -1 without a `tags` array.
    public var tagSet: Int32
    /// Index in `FactStore.agents`, or `IdTable.none` when unassigned.
    public var assignee: Int32
    /// Index in `FactStore.mailboxes`, or `IdTable.none`.
    public var mailbox: Int32

    public var isClosed: Bool { closedEnd != Fact.none }
}

/// A thread: a customer message, an agent reply, a note or something else. 24 bytes.
public struct ThreadFact: Sendable, Equatable {
    public var id: Int64
    public var time: Int64
    /// Index in `FactStore.agents` of an agent's reply or note author, or `IdTable.none`.
    public var author: Int32
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
    public var sequence: UInt32
    public var score: RatingRecord.Score
    public var agent: Int64
    public var mailbox: Int64
}
