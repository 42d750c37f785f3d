/// What a merge keeps of one partial's conversations: its blocks of conversation records, and what
/// their numbers mean in the merged store.
struct PartialConversations: Sendable {
    var blocks: [ConversationBlock]
    /// The store's numbers for the partial's agents, mailboxes and tag sets (the partial's number
    /// `n` is at `n - 1`; 0 is none).
    var agents: [Int32]
    var mailboxes: [Int32]
    var tagSets: [Int32]
    /// The partial's event sequence numbers that the merge left out (retries of earlier partials).
    var dropped: [Bool]
    /// Added to each kept sequence number: the events of the partials before.
    var sequenceOffset: UInt32

    /// The store's number for the partial's `number` in `table` (0: none), which the merge checked.
    static func index(_ table: [Int32], _ number: UInt32) -> Int32 {
        number == 0 ? IdTable.none : table[Int(number) - 1]
    }

    /// The merged store's sequence number of the partial's event `sequence`, which the merge
    /// checked; nil when the merge left the event out.
    func kept(_ sequence: Int64) -> UInt32? {
        dropped[Int(sequence)] ? nil : sequenceOffset &+ UInt32(sequence)
    }
}

/// The conversations of merged partials, kept as their records until the metrics read them: each
/// conversation's facts are gathered from every partial that holds some, in the partials' order,
/// when its turn comes. What this gives the metrics is what adding each record to the store's
/// `ConversationFacts` as it was read would (see `gather`), without the merge doing that work on
/// one thread.
package struct MergedConversations: ConversationRecordSource {
    private(set) var partials: [PartialConversations] = []
    /// Every record of every partial, by conversation id, then in the partials' order and each
    /// partial's: made by `finish()`.
    private var order: [Entry] = []
    private var isFinished = true
    /// How many conversations (distinct ids) the records are about, once finished.
    private(set) var count = 0

    /// Where one record is (21 bytes, 24 in an array).
    struct Entry {
        var id: Int64
        var partial: UInt32
        var block: UInt32
        var offset: UInt32
        var flags: UInt8
    }

    package init() {}

    mutating func append(_ partial: PartialConversations) {
        guard !partial.blocks.isEmpty else { return }
        partials.append(partial)
        isFinished = false
    }

    /// Puts every record in order: by conversation id, then partial, then place in the partial (a
    /// conversation's records in the order they came). `partial` writes each partial's in id
    /// order, so the order is the partials' runs merged, which the standard library's sort finds.
    mutating func finish() {
        guard !isFinished else { return }
        isFinished = true
        order = []
        order.reserveCapacity(partials.reduce(0) { $0 + $1.blocks.reduce(0) { $0 + $1.ids.count } })
        for (partial, conversations) in partials.enumerated() {
            for (block, records) in conversations.blocks.enumerated() {
                for record in records.ids.indices {
                    order.append(
                        Entry(
                            id: records.ids[record], partial: UInt32(partial), block: UInt32(block),
                            offset: records.offsets[record], flags: records.flags[record]))
                }
            }
        }
        order.sort { ($0.id, $0.partial, $0.block, $0.offset) < ($1.id, $1.partial, $1.block, $1.offset) }
        count = order.indices.reduce(0) { $0 + ($1 == 0 || order[$1 - 1].id != order[$1].id ? 1 : 0) }
    }

    /// Whether conversation `id` was deleted; nil when no record is about it. Finished only.
    func deletion(of id: Int64) -> Bool? {
        precondition(isFinished, "finish() the merged conversations before looking them up")
        var low = order.firstIndex(from: 0) { $0.id < id }
        guard low < order.count, order[low].id == id else { return nil }
        var deleted = false
        while low < order.count, order[low].id == id {
            deleted = deleted || order[low].flags & 2 != 0
            low += 1
        }
        return deleted
    }

    /// `parts` ranges of the records, of about equal size, each beginning at a conversation's first
    /// record (some may be empty). Finished only.
    func parts(_ parts: Int) -> [Range<Int>] {
        precondition(isFinished, "finish() the merged conversations before reading them")
        var bounds = [0]
        for part in 1..<max(parts, 1) {
            var bound = max(order.count * part / parts, bounds.last!)
            while bound > 0, bound < order.count, order[bound - 1].id == order[bound].id { bound += 1 }
            bounds.append(bound)
        }
        bounds.append(order.count)
        return bounds.indices.dropLast().map { bounds[$0]..<bounds[$0 + 1] }
    }

    func forEach(
        in range: Range<Int>, buffers: inout ConversationView.Buffers,
        _ body: (_ id: Int64, _ flags: UInt8, _ createdAt: Int64, _ buffers: inout ConversationView.Buffers) -> Void
    ) {
        var reader = Reader(self)
        reader.forEach(in: range, buffers: &buffers, body)
    }

    /// Reads the conversations of records `range` (a part from `parts`), in id order.
    struct Reader {
        private let conversations: MergedConversations
        private var threadIds = Set<Int64>()

        init(_ conversations: MergedConversations) { self.conversations = conversations }

        /// Calls `body` with each conversation of `range`: its id, its marks (bit 0 created, bit 1
        /// deleted), and, unless it is deleted, its `createdAt` with its snapshots and threads put in
        /// `buffers` (see `gather`).
        mutating func forEach(
            in range: Range<Int>, buffers: inout ConversationView.Buffers,
            _ body: (_ id: Int64, _ flags: UInt8, _ createdAt: Int64, _ buffers: inout ConversationView.Buffers) ->
                Void
        ) {
            var start = range.lowerBound
            while start < range.upperBound {
                let id = conversations.order[start].id
                var end = start, flags: UInt8 = 0
                while end < range.upperBound, conversations.order[end].id == id {
                    flags |= conversations.order[end].flags
                    end += 1
                }
                var createdAt = Fact.none
                if flags & 2 == 0 { createdAt = gather(start..<end, into: &buffers) }
                body(id, flags, createdAt, &buffers)
                start = end
            }
        }

        /// Gathers one conversation's facts from its records `range`, as adding each record to a
        /// `ConversationFacts` in order would keep them: the snapshots of events left out dropped,
        /// a thread seen before (by id, or by all its fields without one) left out. Returns the
        /// `createdAt` of the earliest snapshot that gives one (`ConversationFacts.ordered`).
        private mutating func gather(_ range: Range<Int>, into buffers: inout ConversationView.Buffers) -> Int64 {
            buffers.snapshots.removeAll(keepingCapacity: true)
            buffers.threads.removeAll(keepingCapacity: true)
            threadIds.removeAll(keepingCapacity: true)
            var createdAt = Fact.none
            var createdKey = (Int64.max, UInt32.max)
            for place in range {
                let entry = conversations.order[place]
                let p = Int(entry.partial)
                // The partial's arrays are reached through `conversations` each time rather than
                // bound to a name: a binding would copy them, a reference to count per record.
                conversations.partials[p].blocks[Int(entry.block)].bytes.withUnsafeBufferPointer { bytes in
                    var input = BorrowedRecordInput(bytes: bytes, index: Int(entry.offset))
                    // The block read whole when the merge took it: the same bytes read the same way.
                    _ = try! ConversationRecords.read(&input) { fact in
                        let agent = PartialConversations.index(conversations.partials[p].agents, fact.agent)
                        guard fact.isSnapshot else {
                            let thread = ThreadFact(
                                id: fact.sequenceOrThreadId, time: fact.time, author: agent,
                                kind: ThreadRecord.Kind(rawValue: fact.kind >> 4)!)
                            if isNew(thread, among: buffers.threads) { buffers.threads.append(thread) }
                            return
                        }
                        guard let sequence = conversations.partials[p].kept(fact.sequenceOrThreadId) else { return }
                        let snapshot = SnapshotFact(
                            time: fact.time, closedEnd: fact.closedEnd, sequence: sequence,
                            tagSet: PartialConversations.index(conversations.partials[p].tagSets, fact.tagSet),
                            assignee: agent,
                            mailbox: PartialConversations.index(conversations.partials[p].mailboxes, fact.mailbox),
                            customer: fact.customer)
                        buffers.snapshots.append(snapshot)
                        if fact.createdAt != Fact.none, (snapshot.time, snapshot.sequence) < createdKey {
                            createdKey = (snapshot.time, snapshot.sequence)
                            createdAt = fact.createdAt
                        }
                    }
                }
            }
            return createdAt
        }

        /// Whether `thread` is not among `threads` (by id; by all its fields without one). Ids are
        /// looked for in a set once there are many.
        private mutating func isNew(_ thread: ThreadFact, among threads: [ThreadFact]) -> Bool {
            guard thread.id != Fact.none else { return !threads.contains(thread) }
            if threads.count < ConversationFacts.threadSetThreshold {
                return !threads.contains { $0.id == thread.id }
            }
            if threadIds.isEmpty { for known in threads { threadIds.insert(known.id) } }
            return threadIds.insert(thread.id).inserted
        }
    }
}
