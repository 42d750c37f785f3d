/// Everything the metrics need from a run's verified events, gathered one event at a time.
///
/// Events may arrive in any order: every fact carries its event time and archive position, and the
/// metrics order them only when they are computed.
public struct FactStore: Sendable {
    public var conversations: [Int64: ConversationFacts] = [:]
    public var ratings: [RatingFact] = []
    /// Verified events per UTC day and type.
    public var eventCounts: [EventCountKey: Int] = [:]
    public var agentNames: [Int64: String] = [:]
    public var mailboxNames: [Int64: String] = [:]
    /// Distinct tag sets, each sorted; snapshots refer to them by index.
    public private(set) var tagSets: [[String]] = []
    private var tagSetIndex: [[String]: Int32] = [:]
    public var firstEventTime: Int64?
    public var lastEventTime: Int64?

    public struct EventCountKey: Hashable, Sendable {
        public var day: Int
        public var type: String
    }

    public init() {}

    /// Records one verified, first-seen event.
    public mutating func record(_ event: DecodedEvent, at position: ArchivePosition) {
        let time = event.time.milliseconds
        eventCounts[EventCountKey(day: event.time.dayNumber, type: event.type.name), default: 0] += 1
        firstEventTime = min(firstEventTime ?? time, time)
        lastEventTime = max(lastEventTime ?? time, time)
        switch event.payload {
        case .conversation(let snapshot):
            recordSnapshot(snapshot, time: time, position: position.packed, isCreation: event.type == .created)
        case .thread(let conversationId, let thread):
            remember(thread.author, isAgent: thread.kind != .customerMessage)
            conversations[conversationId, default: ConversationFacts()].add(thread)
        case .deletion(let conversationId):
            conversations[conversationId, default: ConversationFacts()].isDeleted = true
        case .rating(let rating):
            recordRating(rating, time: time, position: position.packed)
        case .merge, .customer, .unanalysed:
            break
        }
    }

    private mutating func recordSnapshot(_ snapshot: ConversationSnapshot, time: Int64, position: UInt64, isCreation: Bool) {
        remember(snapshot.assignee, isAgent: true)
        if let mailbox = snapshot.mailbox, let name = mailbox.name { mailboxNames[mailbox.id] = name }
        var tagSet: Int32 = -1
        if let tags = snapshot.tags { tagSet = intern(Array(Set(tags)).sorted()) }
        let fact = SnapshotFact(
            time: time, position: position, createdAt: snapshot.createdAt?.milliseconds ?? Fact.none,
            closedAt: snapshot.closedAt?.milliseconds ?? Fact.none, assignee: snapshot.assignee?.id ?? Fact.none,
            mailbox: snapshot.mailbox?.id ?? Fact.none, tagSet: tagSet, isClosed: snapshot.status?.lowercased() == "closed")
        var facts = conversations.removeValue(forKey: snapshot.id) ?? ConversationFacts()
        facts.snapshots.append(fact)
        if isCreation { facts.hasCreatedEvent = true }
        for thread in snapshot.threads {
            if thread.kind == .agentReply || thread.kind == .note { remember(thread.author, isAgent: true) }
            facts.add(thread)
        }
        conversations[snapshot.id] = facts
    }

    private mutating func recordRating(_ rating: RatingRecord, time: Int64, position: UInt64) {
        remember(rating.agent, isAgent: true)
        let identity: RatingFact.Identity = rating.id.map { .rating($0) }
            ?? rating.threadId.map { .thread($0) } ?? .conversation(rating.conversationId)
        ratings.append(RatingFact(identity: identity, conversation: rating.conversationId, time: time, position: position,
                                  score: rating.score, agent: rating.agent?.id ?? Fact.none, mailbox: rating.mailboxId ?? Fact.none))
    }

    private mutating func remember(_ person: Person?, isAgent: Bool) {
        guard isAgent, let person, let name = person.name else { return }
        agentNames[person.id] = name
    }

    private mutating func intern(_ tags: [String]) -> Int32 {
        if let index = tagSetIndex[tags] { return index }
        let index = Int32(tagSets.count)
        tagSets.append(tags)
        tagSetIndex[tags] = index
        return index
    }

    /// The tag names of a snapshot, or nil when it had no `tags` array.
    public func tags(of snapshot: SnapshotFact) -> [String]? {
        snapshot.tagSet < 0 ? nil : tagSets[Int(snapshot.tagSet)]
    }
}
