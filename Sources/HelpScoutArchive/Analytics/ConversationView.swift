/// One conversation's facts put in order, with what several metrics derive from them.
struct ConversationView {
    let id: Int64
    let facts: ConversationFacts
    let snapshots: [SnapshotFact]
    let threads: [ThreadFact]
    /// The mailbox of the last snapshot that names one.
    let mailbox: Int64

    init(id: Int64, facts: ConversationFacts) {
        self.id = id
        self.facts = facts
        snapshots = facts.orderedSnapshots
        threads = facts.orderedThreads
        mailbox = snapshots.last { $0.mailbox != Fact.none }?.mailbox ?? Fact.none
    }

    /// Every conversation of `store` that the metrics count (not deleted), in id order.
    static func counted(in store: FactStore) -> [ConversationView] {
        store.conversations.keys.sorted().compactMap { id in
            let facts = store.conversations[id]!
            return facts.isDeleted ? nil : ConversationView(id: id, facts: facts)
        }
    }
}
