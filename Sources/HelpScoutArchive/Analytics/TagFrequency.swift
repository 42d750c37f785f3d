/// Tag frequency: additions, removals and the conversations that end with each tag.
struct TagFrequency: ConversationMetric {
    /// Every tag name of the run, sorted: a tag is counted by its place here, not by hashing its name.
    private let names: [String]
    /// The store's tag sets as places in `names`, ascending (the sets are sorted by name).
    private let tagSets: [[Int32]]
    private var counts: [TagRow]
    /// The conversation each tag was last marked held in (`held` lists them), so that marks need
    /// no clearing between conversations.
    private var heldBy: [Int]
    private var conversation = 0

    /// The changes counted are those whose event time is in it.
    private let window: ReportWindow
    /// Whether `--since` or `--until` was given: a tag's conversations are then those that held it
    /// in the period, else those that end with it.
    private let isPeriodAsked: Bool

    init(store: FactStore) {
        // Names that Swift holds equal (one text in two Unicode forms) are one tag, spelt as it
        // was first seen in the archives: the store keeps its tag sets in that order.
        var firstSeen: [String] = []
        var seen = Set<String>()
        for name in store.tagSets.joined() where seen.insert(name).inserted { firstSeen.append(name) }
        let names = firstSeen.sorted()
        var places: [String: Int32] = [:]
        for (place, name) in names.enumerated() { places[name] = Int32(place) }
        self.names = names
        tagSets = store.tagSets.map { $0.map { places[$0]! } }
        counts = names.map { TagRow(tag: $0) }
        heldBy = Array(repeating: -1, count: names.count)
        window = store.period
        isPeriodAsked = store.window.isBounded
    }

    /// Walks one conversation's tag sets in order. They are sorted and free of repeats, so two are
    /// compared by one merge walk, and a snapshot with the same set as the one before costs nothing.
    /// A tag's conversations are those that end with it, or, with a bounded window, those whose tag
    /// set held it at some snapshot in the window.
    mutating func add(_ view: ConversationView) {
        conversation += 1
        var previous: Int32?
        var held: [Int32] = []
        var lastHeld: Int32?
        for snapshot in view.snapshots where snapshot.tagSet >= 0 {
            guard snapshot.time < window.upper else { break }
            let counts = snapshot.time >= window.lower
            if counts && isPeriodAsked && snapshot.tagSet != lastHeld {
                for tag in tagSets[Int(snapshot.tagSet)] where heldBy[Int(tag)] != conversation {
                    heldBy[Int(tag)] = conversation
                    held.append(tag)
                }
                lastHeld = snapshot.tagSet
            }
            guard snapshot.tagSet != previous else { continue }
            if counts { countChanges(from: previous.map { tagSets[Int($0)] } ?? [], to: tagSets[Int(snapshot.tagSet)]) }
            previous = snapshot.tagSet
        }
        if !isPeriodAsked { held = previous.map { tagSets[Int($0)] } ?? [] }
        for tag in held { counts[Int(tag)].conversations += 1 }
    }

    /// Counts the tags `current` adds to `before` and removes from it, both ascending.
    private mutating func countChanges(from before: [Int32], to current: [Int32]) {
        var i = 0, j = 0
        while i < current.count || j < before.count {
            if j == before.count || (i < current.count && current[i] < before[j]) {
                counts[Int(current[i])].added += 1
                i += 1
            } else if i == current.count || before[j] < current[i] {
                counts[Int(before[j])].removed += 1
                j += 1
            } else {
                i += 1
                j += 1
            }
        }
    }

    mutating func merge(_ other: TagFrequency) {
        for (place, row) in other.counts.enumerated() {
            counts[place].conversations += row.conversations
            counts[place].added += row.added
            counts[place].removed += row.removed
        }
    }

    /// The tags counted at all, by conversations descending, then name.
    consuming func rows(store: FactStore) -> [TagRow] {
        counts.filter { $0.conversations > 0 || $0.added > 0 || $0.removed > 0 }
            .sorted { ($1.conversations, $0.tag) < ($0.conversations, $1.tag) }
    }
}
