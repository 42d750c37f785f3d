/// Compact facts about one conversation, gathered from every event that concerns it, in any order.
///
/// Snapshots and threads are kept in a `FactLog` (about 12 and 9 bytes each); agents and mailboxes
/// are indices into the store's `IdTable`s (`IdTable.none` when absent).
package struct ConversationFacts: Sendable {
    private var log = FactLog()
    /// The thread ids seen, once a conversation has many threads (decoding the log each time would
    /// then cost too much).
    private var threadIds: Set<Int64>?
    /// Whether a `convo.created` event was seen (first response is measured only then).
    package var hasCreatedEvent = false
    /// Whether a `convo.deleted` event was seen: the conversation is left out of the metrics.
    package var isDeleted = false

    static let threadSetThreshold = 32

    package init() {}

    /// Adds a snapshot with the `createdAt` it gives (`Fact.none` if none) and the threads it carries
    /// that were not seen before.
    mutating func add(_ snapshot: SnapshotFact, createdAt: Int64, threads: [ThreadFact], isCreation: Bool) {
        let snapshots = CollectionOfOne((snapshot, createdAt))
        if threads.isEmpty {
            log.append(snapshots: snapshots, threads: EmptyCollection())
        } else if threadIds == nil && !threads.contains(where: { $0.id == Fact.none }) {
            // The usual case, in one append to the log.
            append(snapshots: snapshots, newThreadsOf: threads)
            keepIdsInASetOnceMany()
        } else {
            log.append(snapshot, createdAt: createdAt)
            add(threads)
        }
        if isCreation { hasCreatedEvent = true }
    }

    /// Adds the threads not seen before (the first seen is kept): by id, or for a thread without
    /// one, by all its fields.
    mutating func add(_ threads: [ThreadFact]) {
        guard !threads.isEmpty else { return }
        if threadIds == nil && !threads.contains(where: { $0.id == Fact.none }) {
            addWithIds(threads)
            return
        }
        var knownIds: [Int64] = []
        var knownWithoutId: [ThreadFact] = []
        if threads.contains(where: { $0.id == Fact.none }) {
            log.read(snapshot: { _, _ in }, thread: { if $0.id == Fact.none { knownWithoutId.append($0) } })
        }
        if threadIds == nil && log.counts.threads > 0 { log.forEachThreadId { knownIds.append($0) } }
        for thread in threads {
            if thread.id == Fact.none {
                guard !knownWithoutId.contains(thread) else { continue }
                knownWithoutId.append(thread)
            } else if threadIds != nil {
                guard threadIds!.insert(thread.id).inserted else { continue }
            } else {
                guard !knownIds.contains(thread.id) else { continue }
                knownIds.append(thread.id)
            }
            log.append(thread)
            if threadIds == nil { keepIdsInASetOnceMany() }
        }
    }

    /// Once a conversation has many threads, its thread ids move to a set: decoding the log for
    /// each snapshot would then cost too much.
    private mutating func keepIdsInASetOnceMany() {
        guard log.counts.threads >= Self.threadSetThreshold else { return }
        var ids = Set<Int64>()
        log.read(snapshot: { _, _ in }, thread: { ids.insert($0.id) })
        threadIds = ids
    }

    /// `add(_:)` for the common case, threads with ids while they are few.
    private mutating func addWithIds(_ threads: [ThreadFact]) {
        append(snapshots: EmptyCollection(), newThreadsOf: threads)
        keepIdsInASetOnceMany()
    }

    /// Appends `snapshots` and those of `threads` that `forEachNewThread` gives, in one append: the
    /// new threads gathered in a buffer on the stack rather than an array.
    private mutating func append(
        snapshots: some Collection<(SnapshotFact, Int64)>, newThreadsOf threads: [ThreadFact]
    ) {
        withUnsafeTemporaryAllocation(of: ThreadFact.self, capacity: threads.count) { buffer in
            var count = 0
            forEachNewThread(withIds: threads) { thread in
                (buffer.baseAddress! + count).initialize(to: thread)
                count += 1
            }
            let new = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
            log.append(snapshots: snapshots, threads: UnsafeBufferPointer(new))
            new.deinitialize()
        }
    }

    /// Calls `body` with each of `threads` (all with ids, while they are few) whose id the log
    /// does not hold, nor a thread before it: the ids known are read from the log into a buffer
    /// on the stack rather than an array.
    private func forEachNewThread(withIds threads: [ThreadFact], _ body: (ThreadFact) -> Void) {
        let known = log.counts.threads
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: known + threads.count) { ids in
            var count = 0
            if known > 0 {
                log.forEachThreadId { id in
                    ids[count] = id
                    count += 1
                }
            }
            for thread in threads {
                guard !ids[0..<count].contains(thread.id) else { continue }
                ids[count] = thread.id
                count += 1
                body(thread)
            }
        }
    }

    /// Every snapshot (with its `createdAt`) and thread in the order added, as a partial stores them.
    func forEachRecord(snapshot: (SnapshotFact, _ createdAt: Int64) -> Void, thread: (ThreadFact) -> Void) {
        log.read(snapshot: snapshot, thread: thread)
    }

    /// The facts decoded and put in order: snapshots by time (ties in archive order), threads by
    /// time (ties by id), and the `createdAt` of the earliest snapshot that gives one.
    package func ordered() -> (snapshots: [SnapshotFact], threads: [ThreadFact], createdAt: Int64) {
        var snapshots: [SnapshotFact] = []
        var threads: [ThreadFact] = []
        let createdAt = ordered(into: &snapshots, &threads)
        return (snapshots, threads, createdAt)
    }

    /// `ordered()` in `snapshots` and `threads`, emptied first (their memory is kept); returns the
    /// `createdAt`.
    func ordered(into snapshots: inout [SnapshotFact], _ threads: inout [ThreadFact]) -> Int64 {
        snapshots.removeAll(keepingCapacity: true)
        threads.removeAll(keepingCapacity: true)
        var createdAt = Fact.none
        var createdKey = (Int64.max, UInt32.max)
        let counts = log.counts
        snapshots.reserveCapacity(counts.snapshots)
        threads.reserveCapacity(counts.threads)
        log.read(
            snapshot: { snapshot, given in
                snapshots.append(snapshot)
                if given != Fact.none, (snapshot.time, snapshot.sequence) < createdKey {
                    createdKey = (snapshot.time, snapshot.sequence)
                    createdAt = given
                }
            }, thread: { threads.append($0) })
        Self.putInOrder(&snapshots, &threads)
        return createdAt
    }

    /// Puts snapshots by time (ties in archive order) and threads by time (ties by id).
    static func putInOrder(_ snapshots: inout [SnapshotFact], _ threads: inout [ThreadFact]) {
        // Mostly appended in order already: checking costs a pass, sorting several.
        func precedes(_ a: SnapshotFact, _ b: SnapshotFact) -> Bool { (a.time, a.sequence) < (b.time, b.sequence) }
        func precedes(_ a: ThreadFact, _ b: ThreadFact) -> Bool { (a.time, a.id) < (b.time, b.id) }
        if !snapshots.indices.dropFirst().allSatisfy({ !precedes(snapshots[$0], snapshots[$0 - 1]) }) {
            snapshots.sort(by: precedes)
        }
        if !threads.indices.dropFirst().allSatisfy({ !precedes(threads[$0], threads[$0 - 1]) }) {
            threads.sort(by: precedes)
        }
    }
}
