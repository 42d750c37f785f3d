/// A fact store as a partial stores it, and the merge of such a store into another.
///
/// A partial's store counts every event first seen in the partial; its sequence numbers are the
/// events' places in the partial (1 for the first). Merged, an event a partial before already
/// delivered (a retry across partials) is left out, with every fact it made: its snapshot and its
/// rating, found by sequence number. What else such an event made was made before it by the copy
/// the merge kept, so it changes nothing: the same threads (the store keeps a thread's first copy),
/// the same names (the first given), the same ids and tag sets (numbered by first appearance), the
/// same created and deleted marks.
enum PartialFacts {
    static let idsPerRecord = 4096
    static let factsPerRecord = 4096

    /// The bytes a block of conversation records holds before the next record starts a new one:
    /// a quarter of other blocks (chosen when a merge read these blocks ahead into lists several
    /// times their size; a merge now keeps them as they are, `ConversationBlock`).
    static let conversationBlockTarget = PartialFile.blockTarget / 4

    /// Writes `store`'s facts, calling `recordEnded` after each record with the size a block of such
    /// records may reach. Conversation records go in blocks of their own, which a merge keeps as
    /// they are (`ConversationBlock`): they are preceded and followed by a call with a size of 0.
    static func write(
        _ store: FactStore, into out: inout PartialEncoder,
        recordEnded: (inout PartialEncoder, _ blockTarget: Int) -> Void
    ) {
        let blockTarget = PartialFile.blockTarget
        for (kind, ids) in [(PartialRecord.agents, store.agents.ids), (.mailboxes, store.mailboxes.ids)] {
            for start in stride(from: 0, to: ids.count, by: idsPerRecord) {
                let chunk = ids[start..<min(ids.count, start + idsPerRecord)]
                out.byte(kind.rawValue)
                out.count(chunk.count)
                for id in chunk { out.signed(id) }
                recordEnded(&out, blockTarget)
            }
        }
        for tags in store.tagSets {
            out.byte(PartialRecord.tagSet.rawValue)
            out.count(tags.count)
            for tag in tags { out.string(tag) }
            recordEnded(&out, blockTarget)
        }
        for (kind, names) in [(PartialRecord.agentName, store.agentNames), (.mailboxName, store.mailboxNames)] {
            for id in names.keys.sorted() {
                out.byte(kind.rawValue)
                out.signed(id)
                out.string(names[id]!)
                recordEnded(&out, blockTarget)
            }
        }
        recordEnded(&out, 0)
        for id in store.conversations.keys.sorted() {
            let facts = store.conversations[id]!
            var records: [(SnapshotFact, Int64)?] = []
            var threads: [ThreadFact] = []
            var order: [Bool] = []
            facts.forEachRecord(
                snapshot: {
                    records.append(($0, $1))
                    order.append(true)
                },
                thread: {
                    threads.append($0)
                    order.append(false)
                })
            var snapshotIndex = 0, threadIndex = 0
            var start = 0
            repeat {
                let end = min(order.count, start + factsPerRecord)
                out.byte(PartialRecord.conversation.rawValue)
                out.signed(id)
                out.byte((facts.hasCreatedEvent ? 1 : 0) | (facts.isDeleted ? 2 : 0))
                out.count(end - start)
                var previous = PreviousFact()
                for isSnapshot in order[start..<end] {
                    if isSnapshot {
                        let (snapshot, createdAt) = records[snapshotIndex]!
                        snapshotIndex += 1
                        write(snapshot, createdAt: createdAt, after: &previous, into: &out)
                    } else {
                        write(threads[threadIndex], after: &previous, into: &out)
                        threadIndex += 1
                    }
                }
                recordEnded(&out, conversationBlockTarget)
                start = end
            } while start < order.count
        }
        recordEnded(&out, 0)
        for rating in store.ratings {
            out.byte(PartialRecord.rating.rawValue)
            switch rating.identity {
            case .rating(let id):
                out.byte(0)
                out.signed(id)
            case .thread(let id):
                out.byte(1)
                out.signed(id)
            case .conversation(let id):
                out.byte(2)
                out.signed(id)
            }
            out.signed(rating.conversation)
            out.signed(rating.time)
            out.count(Int(rating.sequence))
            out.byte(rating.score.rawValue)
            for value in [rating.agent, rating.mailbox, rating.thread] {
                out.optional(value == Fact.none ? nil : value)
            }
            recordEnded(&out, blockTarget)
        }
    }

    /// The values the next fact's differences start from.
    struct PreviousFact {
        var time: Int64 = 0
        var sequence: Int64 = 0
        var threadId: Int64 = 0
        var customer: Int64 = 0
    }

    private static func write(
        _ snapshot: SnapshotFact, createdAt: Int64, after previous: inout PreviousFact, into out: inout PartialEncoder
    ) {
        let hasCustomer = snapshot.customer != Fact.none
        out.byte(
            1 | (snapshot.isClosed ? 2 : 0) | (createdAt != Fact.none ? 4 : 0) | (hasCustomer ? 8 : 0))
        out.signed(snapshot.time &- previous.time)
        out.signed(Int64(snapshot.sequence) &- previous.sequence)
        previous.time = snapshot.time
        previous.sequence = Int64(snapshot.sequence)
        if createdAt != Fact.none { out.signed(snapshot.time &- createdAt) }
        if hasCustomer {
            out.signed(snapshot.customer &- previous.customer)
            previous.customer = snapshot.customer
        }
        out.count(Int(snapshot.assignee) + 1)
        out.count(Int(snapshot.mailbox) + 1)
        out.count(Int(snapshot.tagSet) + 1)
        if snapshot.isClosed { out.signed(snapshot.closedEnd &- snapshot.time) }
    }

    private static func write(_ thread: ThreadFact, after previous: inout PreviousFact, into out: inout PartialEncoder)
    {
        out.byte(thread.kind.rawValue << 4)
        out.signed(thread.id &- previous.threadId)
        out.signed(thread.time &- previous.time)
        previous.threadId = thread.id
        previous.time = thread.time
        out.count(Int(thread.author) + 1)
    }
}

/// Merges one partial's facts into a store, as `PartialMerge` reads them.
struct PartialFactMerger {
    /// The partial's numbering in the merged store, the events it left out and its blocks of
    /// conversation records: what the merge keeps of the partial once it is read.
    var conversations: PartialConversations

    init(sequenceOffset: UInt32) {
        conversations = PartialConversations(
            blocks: [], agents: [], mailboxes: [], tagSets: [], dropped: [false], sequenceOffset: sequenceOffset)
    }

    /// The events the partial counted so far (sequence numbers run from 1 to it).
    var eventCount: Int { conversations.dropped.count - 1 }

    mutating func read(
        _ record: PartialRecord, from input: inout PartialDecoder, into store: inout FactStore
    ) throws(PartialFileError.Damage) {
        switch record {
        case .agents, .mailboxes:
            for _ in 0..<(try input.count(limit: PartialFacts.idsPerRecord)) {
                let id = try input.signed()
                if record == .agents {
                    conversations.agents.append(store.agents.intern(id))
                } else {
                    conversations.mailboxes.append(store.mailboxes.intern(id))
                }
            }
        case .tagSet:
            var tags: [String] = []
            for _ in 0..<(try input.count(limit: 1 << 20)) {
                guard let tag = try input.string() else { throw .badText }
                tags.append(tag)
            }
            conversations.tagSets.append(store.intern(tags))
        case .agentName, .mailboxName:
            let id = try input.signed()
            guard let name = try input.string() else { throw .badText }
            if record == .agentName {
                if store.agentNames[id] == nil { store.agentNames[id] = name }
            } else if store.mailboxNames[id] == nil {
                store.mailboxNames[id] = name
            }
        case .conversation: try readConversation(&input)
        case .rating: try readRating(&input, into: &store)
        case .start, .inputs, .event, .finding, .inputsRead, .end: throw .outOfOrder("a record is out of place")
        }
    }

    /// `PartialConversations.kept`, once `sequence` is checked to name one of the partial's events.
    private func kept(_ sequence: Int64) throws(PartialFileError.Damage) -> UInt32? {
        guard sequence >= 1, sequence < Int64(conversations.dropped.count) else {
            throw .outOfOrder("a fact names no event")
        }
        return conversations.kept(sequence)
    }

    /// `PartialConversations.index`, once `number` is checked to be in `table`.
    private func index(_ table: [Int32], _ number: UInt32) throws(PartialFileError.Damage) -> Int32 {
        guard number <= table.count else { throw .badNumber }
        return PartialConversations.index(table, number)
    }

    /// Reads a conversation record (after its kind byte) in a block of other records, and keeps it
    /// as a block of its own.
    private mutating func readConversation(_ input: inout PartialDecoder) throws(PartialFileError.Damage) {
        let start = input.index - 1
        // Read through to find where it ends, or why it does not read.
        _ = try ConversationRecords.read(&input) { _ in }
        guard let block = ConversationBlock(block: Array(input.bytes(start..<input.index))) else {
            throw .badNumber
        }
        try add(block)
    }

    /// Keeps a block of conversation records once what its facts refer to is checked: the partial's
    /// agents, mailboxes, tag sets and events so far.
    mutating func add(_ block: ConversationBlock) throws(PartialFileError.Damage) {
        let limits = block.limits
        let sequencesHeld =
            limits.lowestSequence > limits.highestSequence
            || (limits.lowestSequence >= 1 && limits.highestSequence < Int64(conversations.dropped.count))
        guard limits.agent <= conversations.agents.count, limits.mailbox <= conversations.mailboxes.count,
            limits.tagSet <= conversations.tagSets.count,
            sequencesHeld
        else {
            // The first fact that refers to nothing, found as reading fact by fact would.
            guard let records = block.records else { throw .badNumber }
            try check(records)
            throw .badNumber
        }
        conversations.blocks.append(block)
    }

    /// Checks, fact by fact, that the records' facts refer to the partial's agents, mailboxes, tag
    /// sets and events.
    private func check(_ read: ConversationRecords) throws(PartialFileError.Damage) {
        for fact in read.facts {
            _ = try index(conversations.agents, fact.agent)
            guard fact.isSnapshot else { continue }
            _ = try index(conversations.mailboxes, fact.mailbox)
            _ = try index(conversations.tagSets, fact.tagSet)
            _ = try kept(fact.sequenceOrThreadId)
        }
    }

    private func readRating(_ input: inout PartialDecoder, into store: inout FactStore) throws(PartialFileError.Damage)
    {
        let identityKind = try input.byte()
        let identityValue = try input.signed()
        let identity: RatingFact.Identity
        switch identityKind {
        case 0: identity = .rating(identityValue)
        case 1: identity = .thread(identityValue)
        case 2: identity = .conversation(identityValue)
        default: throw .badNumber
        }
        let conversation = try input.signed()
        let time = try input.signed()
        guard PartialRecord.isTime(time) else { throw .badNumber }
        let sequence = Int64(try input.count())
        guard let score = RatingRecord.Score(rawValue: try input.byte()) else { throw .badNumber }
        let agent = try input.optional() ?? Fact.none
        let mailbox = try input.optional() ?? Fact.none
        let thread = try input.optional() ?? Fact.none
        guard let kept = try kept(sequence) else { return }
        store.ratings.append(
            RatingFact(
                identity: identity, conversation: conversation, time: time, sequence: kept, score: score,
                agent: agent, mailbox: mailbox, thread: thread))
    }
}
