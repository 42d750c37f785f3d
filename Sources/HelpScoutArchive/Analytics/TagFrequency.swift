/// Tag frequency: additions, removals and the conversations that end with each tag.
public struct TagFrequency: Sendable {
    /// One row of `tags.csv`.
    public struct Row: Sendable, Equatable {
        public var tag: String
        public var conversations = 0
        public var added = 0
        public var removed = 0
    }

    /// By `conversations` descending, then name.
    public private(set) var rows: [Row] = []
    private var byTag: [String: Row] = [:]

    init() {}

    /// Walks one conversation's tag sets in order.
    mutating func add(_ view: ConversationView, tagSets: [[String]]) {
            var previous: Set<String>?
            for snapshot in view.snapshots {
                guard snapshot.tagSet >= 0 else { continue }
                let tags = tagSets[Int(snapshot.tagSet)]
                let current = Set(tags)
                for tag in current.subtracting(previous ?? []) { byTag[tag, default: Row(tag: tag)].added += 1 }
                for tag in (previous ?? []).subtracting(current) { byTag[tag, default: Row(tag: tag)].removed += 1 }
                previous = current
            }
            for tag in previous ?? [] { byTag[tag, default: Row(tag: tag)].conversations += 1 }
    }

    /// Takes in the counts of another part of the conversations.
    mutating func merge(_ other: TagFrequency) {
        for (tag, row) in other.byTag {
            var merged = byTag[tag] ?? Row(tag: tag)
            merged.conversations += row.conversations
            merged.added += row.added
            merged.removed += row.removed
            byTag[tag] = merged
        }
    }

    mutating func finish() {
        rows = byTag.values.sorted { ($1.conversations, $0.tag) < ($0.conversations, $1.tag) }
        byTag = [:]
    }
}
