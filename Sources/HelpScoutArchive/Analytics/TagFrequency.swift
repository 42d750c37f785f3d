/// Tag frequency: additions, removals and the conversations that end with each tag.
struct TagFrequency: ConversationMetric {
    private var byTag: [String: TagRow] = [:]
    private let tagSets: [[String]]

    /// The changes counted are those whose event time is in it.
    private let window: ReportWindow
    /// Whether `--since` or `--until` was given: a tag's conversations are then those that held it
    /// in the period, else those that end with it.
    private let isPeriodAsked: Bool

    init(store: FactStore) {
        tagSets = store.tagSets
        window = store.period
        isPeriodAsked = store.window.isBounded
    }

    /// Walks one conversation's tag sets in order. They are sorted and free of repeats, so two are
    /// compared by one merge walk, and a snapshot with the same set as the one before costs nothing.
    /// A tag's conversations are those that end with it, or, with a bounded window, those whose tag
    /// set held it at some snapshot in the window.
    mutating func add(_ view: ConversationView) {
        var previous: Int32?
        var heldInWindow: Set<String> = []
        for snapshot in view.snapshots where snapshot.tagSet >= 0 {
            guard snapshot.time < window.upper else { break }
            let counts = snapshot.time >= window.lower
            if counts && isPeriodAsked { heldInWindow.formUnion(tagSets[Int(snapshot.tagSet)]) }
            guard snapshot.tagSet != previous else { continue }
            if counts { countChanges(from: previous.map { tagSets[Int($0)] } ?? [], to: tagSets[Int(snapshot.tagSet)]) }
            previous = snapshot.tagSet
        }
        let held = isPeriodAsked ? heldInWindow.sorted() : previous.map { tagSets[Int($0)] } ?? []
        for tag in held { byTag[tag, default: TagRow(tag: tag)].conversations += 1 }
    }

    /// Counts the tags `current` adds to `before` and removes from it, both sorted.
    private mutating func countChanges(from before: [String], to current: [String]) {
        var i = 0, j = 0
        while i < current.count || j < before.count {
            if j == before.count || (i < current.count && current[i] < before[j]) {
                byTag[current[i], default: TagRow(tag: current[i])].added += 1
                i += 1
            } else if i == current.count || before[j] < current[i] {
                byTag[before[j], default: TagRow(tag: before[j])].removed += 1
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
    }

    mutating func merge(_ other: TagFrequency) {
        for (tag, row) in other.byTag {
            var merged = byTag[tag] ?? TagRow(tag: tag)
            merged.conversations += row.conversations
            merged.added += row.added
            merged.removed += row.removed
            byTag[tag] = merged
        }
    }

    /// By conversations descending, then name.
    consuming func rows(store: FactStore) -> [TagRow] {
        byTag.values.sorted { ($1.conversations, $0.tag) < ($0.conversations, $1.tag) }
    }
}
