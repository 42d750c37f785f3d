/// Conversation records read into numbers: what a record says by itself, before the merge gives it
/// meaning (its agent, mailbox and tag set numbers are still the partial's own, its sequence numbers
/// the partial's, and no event is left out yet).
///
/// A merge reads conversation records twice: to check them when it takes their block
/// (`ConversationBlock`, on `PartialPrefetch`'s thread for the blocks `partial` writes), and to
/// gather each conversation's facts when the metrics come to it (`MergedConversations`). Every
/// check that needs no merge state is made here, in the order the fields come;
/// `PartialFactMerger` makes the others.
package struct ConversationRecords {
    /// One conversation record: its conversation, flags, and its facts' range in `facts`.
    struct Record {
        var id: Int64
        var flags: UInt8
        var facts: Range<Int>
    }

    /// One snapshot or thread, as its record gives it.
    struct Fact {
        /// The fact's kind byte: bit 0 set for a snapshot (bit 1 closed, bit 2 with `createdAt`, bit 3
        /// with a customer), clear for a thread (its kind in the high four bits).
        var kind: UInt8
        var time: Int64
        /// A snapshot's sequence number in the partial; a thread's id.
        var sequenceOrThreadId: Int64
        var createdAt = HelpScoutArchive.Fact.none
        var customer = HelpScoutArchive.Fact.none
        var closedEnd = HelpScoutArchive.Fact.none
        /// A snapshot's assignee, or a thread's author, as the partial numbers agents: 0 for none,
        /// `UInt32.max` for a number beyond any table.
        var agent: UInt32
        var mailbox: UInt32 = 0
        var tagSet: UInt32 = 0

        var isSnapshot: Bool { kind & 1 != 0 }
    }

    private(set) var records: [Record] = []
    private(set) var facts: [Fact] = []

    init() {}

    /// Forgets the records read, keeping their memory.
    mutating func removeAll() {
        records.removeAll(keepingCapacity: true)
        facts.removeAll(keepingCapacity: true)
    }

    /// Reads a conversation record's fields, after its kind byte.
    mutating func read(_ input: inout PartialDecoder) throws(PartialFileError.Damage) {
        let start = facts.count
        let (id, flags) = try Self.read(&input) { facts.append($0) }
        records.append(Record(id: id, flags: flags, facts: start..<facts.count))
    }

    /// Reads a conversation record's fields, after its kind byte: gives each fact to `body`, in
    /// order, and returns the record's conversation id and marks.
    @inline(__always)
    static func read<Input: RecordInput>(_ input: inout Input, _ body: (Fact) -> Void) throws(PartialFileError.Damage)
        -> (id: Int64, flags: UInt8)
    {
        let id = try input.signed()
        let flags = try input.byte()
        let count = try input.count(limit: PartialFacts.factsPerRecord)
        var previous = PartialFacts.PreviousFact()
        for _ in 0..<count {
            let kind = try input.byte()
            if kind & 1 == 0 {
                let id = previous.threadId &+ (try input.signed())
                let time = previous.time &+ (try input.signed())
                guard PartialRecord.isTime(time) else { throw .badNumber }
                previous.threadId = id
                previous.time = time
                guard ThreadRecord.Kind(rawValue: kind >> 4) != nil else { throw .badNumber }
                body(Fact(kind: kind, time: time, sequenceOrThreadId: id, agent: try number(&input)))
                continue
            }
            let time = previous.time &+ (try input.signed())
            let sequence = previous.sequence &+ (try input.signed())
            previous.time = time
            previous.sequence = sequence
            guard PartialRecord.isTime(time) else { throw .badNumber }
            var fact = Fact(kind: kind, time: time, sequenceOrThreadId: sequence, agent: 0)
            if kind & 4 != 0 { fact.createdAt = time &- (try input.signed()) }
            if kind & 8 != 0 {
                fact.customer = previous.customer &+ (try input.signed())
                previous.customer = fact.customer
            }
            fact.agent = try number(&input)
            fact.mailbox = try number(&input)
            fact.tagSet = try number(&input)
            if kind & 2 != 0 { fact.closedEnd = time &+ (try input.signed()) }
            // Checked one by one: an array literal here would be allocated for every snapshot.
            guard fact.createdAt == HelpScoutArchive.Fact.none || PartialRecord.isTime(fact.createdAt),
                fact.closedEnd == HelpScoutArchive.Fact.none || PartialRecord.isTime(fact.closedEnd)
            else { throw .badNumber }
            body(fact)
        }
        return (id, flags)
    }

    /// An agent, mailbox or tag set number: `UInt32.max` stands for any number too large for a table.
    @inline(__always)
    private static func number(_ input: inout some RecordInput) throws(PartialFileError.Damage) -> UInt32 {
        UInt32(clamping: try input.unsigned())
    }
}
