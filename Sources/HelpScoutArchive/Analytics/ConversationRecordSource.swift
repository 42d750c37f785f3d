/// Conversations a store keeps as records rather than as `ConversationFacts` in its dictionary: a
/// merge keeps its partials' conversation records so (`MergedConversations`, in Partials/), and the
/// metrics gather each conversation's facts from them when they come to it, in id order, in parts.
protocol ConversationRecordSource: Sendable {
    /// Puts the records in order: what every other member needs first.
    mutating func finish()
    /// How many conversations the records are about (distinct ids, deleted ones included).
    var count: Int { get }
    /// Whether conversation `id` was deleted; nil when no record is about it.
    func deletion(of id: Int64) -> Bool?
    /// `parts` ranges of the records, of about equal size, each beginning at a conversation's first
    /// record (some may be empty).
    func parts(_ parts: Int) -> [Range<Int>]
    /// Calls `body` with each conversation of records `range` (a part from `parts`), in id order:
    /// its id, its marks (bit 0 created, bit 1 deleted), and, unless it is deleted, its `createdAt`
    /// with its snapshots and threads (in any order) put in `buffers`' arrays.
    func forEach(
        in range: Range<Int>, buffers: inout ConversationView.Buffers,
        _ body: (_ id: Int64, _ flags: UInt8, _ createdAt: Int64, _ buffers: inout ConversationView.Buffers) -> Void)
}

extension ConversationRecordSource {
    /// Itself finished: a copy when it was not.
    func finished() -> Self {
        var copy = self
        copy.finish()
        return copy
    }
}
