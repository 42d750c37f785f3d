/// A block of conversation records as a merge keeps it until the metrics read it: its bytes, where
/// each record starts, and the largest numbers its facts use.
///
/// The block is checked whole when it is made (`ConversationRecords.read`, on `PartialPrefetch`'s
/// thread for the blocks `partial` writes); the merge then checks only its largest numbers against
/// the partial's tables and events (`PartialFactMerger.add(_:)`), and the metrics read its records
/// in conversation order from every partial at once (`MergedConversations`). Keeping the records as
/// bytes rather than adding them to a fact store as they come took the merge's conversation work
/// (about half of its reading, on one thread) to the metrics, which run on every core.
package struct ConversationBlock: Sendable {
    let bytes: [UInt8]
    /// Each record's conversation id, marks (bit 0 created, bit 1 deleted), and where its fields
    /// (after its kind byte) start in `bytes`.
    private(set) var ids: [Int64] = []
    private(set) var flags: [UInt8] = []
    private(set) var offsets: [UInt32] = []
    /// What the block's facts refer to, at most: checked against the partial's tables when the
    /// merge takes the block.
    private(set) var limits = Limits()

    struct Limits {
        /// The largest agent, mailbox and tag set numbers (`UInt32.max` for one beyond any table).
        var agent: UInt32 = 0
        var mailbox: UInt32 = 0
        var tagSet: UInt32 = 0
        /// The smallest and largest sequence numbers of its snapshots.
        var lowestSequence = Int64.max
        var highestSequence = Int64.min
    }

    /// The block when every record in it is a conversation record that reads whole; nil for any
    /// other block (the merge then reads it as it reads every block, and finds what is wrong, if
    /// anything, in order).
    init?(block: [UInt8]) {
        guard block.first == PartialRecord.conversation.rawValue, block.count <= Int(UInt32.max) else { return nil }
        bytes = block
        var limits = Limits(), ids: [Int64] = [], flags: [UInt8] = [], offsets: [UInt32] = []
        let readWhole = block.withUnsafeBufferPointer { bytes in
            var input = BorrowedRecordInput(bytes: bytes, index: 0)
            while input.index < bytes.count {
                guard bytes[input.index] == PartialRecord.conversation.rawValue else { return false }
                input.index += 1
                let offset = input.index
                let record = try? ConversationRecords.read(&input) { fact in
                    limits.agent = max(limits.agent, fact.agent)
                    guard fact.isSnapshot else { return }
                    limits.mailbox = max(limits.mailbox, fact.mailbox)
                    limits.tagSet = max(limits.tagSet, fact.tagSet)
                    limits.lowestSequence = min(limits.lowestSequence, fact.sequenceOrThreadId)
                    limits.highestSequence = max(limits.highestSequence, fact.sequenceOrThreadId)
                }
                guard let record else { return false }
                ids.append(record.id)
                flags.append(record.flags)
                offsets.append(UInt32(offset))
            }
            return true
        }
        guard readWhole else { return nil }
        (self.limits, self.ids, self.flags, self.offsets) = (limits, ids, flags, offsets)
    }

    /// The records `bytes` holds as one block; nil unless it reads whole.
    var records: ConversationRecords? {
        var records = ConversationRecords()
        var input = PartialDecoder(bytes)
        while !input.isAtEnd {
            guard input.skip(PartialRecord.conversation.rawValue), (try? records.read(&input)) != nil else {
                return nil
            }
        }
        return records
    }
}
