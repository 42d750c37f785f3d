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

    /// Walks one conversation's tag sets in order. They are sorted and free of repeats, so two are
    /// compared by one merge walk, and a snapshot with the same set as the one before costs nothing.
    mutating func add(_ view: ConversationView, tagSets: [[String]]) {
            var previous: Int32?
            for snapshot in view.snapshots where snapshot.tagSet >= 0 && snapshot.tagSet != previous {
                let current = tagSets[Int(snapshot.tagSet)]
                let before = previous.map { tagSets[Int($0)] } ?? []
                var i = 0, j = 0
                while i < current.count || j < before.count {
                    if j == before.count || (i < current.count && current[i] < before[j]) {
                        byTag[current[i], default: Row(tag: current[i])].added += 1
                        i += 1
                    } else if i == current.count || before[j] < current[i] {
                        byTag[before[j], default: Row(tag: before[j])].removed += 1
                        j += 1
                    } else {
                        i += 1
                        j += 1
                    }
                }
                previous = snapshot.tagSet
            }
            for tag in previous.map({ tagSets[Int($0)] }) ?? [] { byTag[tag, default: Row(tag: tag)].conversations += 1 }
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
