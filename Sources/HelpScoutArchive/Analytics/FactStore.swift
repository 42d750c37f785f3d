/// Everything the metrics need from a run's verified events, gathered one event at a time.
///
/// Events may arrive in any order: every fact carries its event time and its place in archive order,
/// and the metrics order them only when they are computed. Names are the first seen in archive order.
package struct FactStore: Sendable {
    /// The conversations of a run's events. A merge keeps those of its partials as their records
    /// instead, in `mergedConversations`: a store holds one or the other.
    package var conversations: [Int64: ConversationFacts] = [:]
    var mergedConversations: (any ConversationRecordSource)?
    package var ratings: [RatingFact] = []
    package var agents = IdTable()
    package var mailboxes = IdTable()
    /// The zone whose calendar days and weeks the metrics count in.
    package let timeZone: ReportTimeZone
    /// The instants the report is about: events outside it are context, not counted.
    package let window: ReportWindow
    /// Verified events in `window` per day (in `timeZone`) and type.
    package var eventCounts: [EventCountKey: Int] {
        var counts = countsBeforeToday
        for (index, count) in today.counts.enumerated() where count > 0 {
            counts[EventCountKey(day: today.day, type: EventType.known[index]), default: 0] += count
        }
        return counts
    }
    /// `eventCounts` but for the known types on the day counted last: events come about in time
    /// order, so most are counted in `today`, an array, instead of a dictionary (a hash per event).
    private var countsBeforeToday: [EventCountKey: Int] = [:]
    private var today = DayCounts()

    private struct DayCounts {
        var day = Int.min
        /// The instants that are on `day` (`ReportTimeZone.daySpan`): an event in them needs no
        /// look-up of its day.
        var instants: Range<Int64> = 0..<0
        var counts = [Int](repeating: 0, count: EventType.known.count)
    }
    package var agentNames: [Int64: String] = [:]
    package var mailboxNames: [Int64: String] = [:]
    /// Distinct tag sets, each sorted; snapshots refer to them by index.
    package private(set) var tagSets: [[String]] = []
    private var tagSetIndex: [[String]: Int32] = [:]
    /// The earliest and latest verified event times, in the window or not.
    package var firstEventTime: Int64?
    package var lastEventTime: Int64?
    private var sequence: UInt32 = 0
    /// A snapshot's thread facts while it is recorded (kept to reuse its memory: an array made for
    /// each snapshot, grown as it filled, was a sixth of recording one).
    private var snapshotThreads: [ThreadFact] = []

    /// Puts a merge's conversation records in order, once every partial is merged: counting the
    /// conversations and the metrics read them so (they would otherwise put a copy in order).
    package mutating func finishMerge() { mergedConversations?.finish() }

    /// How many conversations the store holds facts of (deleted ones included).
    package var conversationCount: Int { conversations.count + (mergedConversations?.finished().count ?? 0) }

    /// Whether conversation `id` was deleted; nil when the store holds no facts of it. A merge's
    /// store must be finished (`finishMerge()`).
    func deletion(of id: Int64) -> Bool? {
        conversations[id].map(\.isDeleted) ?? mergedConversations?.deletion(of: id)
    }

    package struct EventCountKey: Hashable, Sendable {
        package var day: Int
        package var type: EventType
    }

    /// What the metrics count: the window, an open end closed at the first or last verified event
    /// (a reply or closing from before the archives begin, carried in a later snapshot, is not in
    /// the report's period; a bare body's event time is never before its threads', so the end
    /// leaves out only an envelope's threads dated after every event).
    package var period: ReportWindow {
        ReportWindow(
            lower: window.lower == .min ? firstEventTime ?? .min : window.lower,
            upper: window.upper == .max ? lastEventTime.map { $0 + 1 } ?? .max : window.upper)
    }

    /// The days of the time zone the report is about: from the window's start (else the first
    /// event) to its end (else the last event); nil when that is empty.
    package var periodDays: ClosedRange<Int>? {
        ReportWindow.days(
            window: window, first: firstEventTime.map(Timestamp.init(milliseconds:)),
            last: lastEventTime.map(Timestamp.init(milliseconds:)), in: timeZone)
    }

    /// The office hours response times are also measured in, if any.
    package let officeHours: OfficeHours?

    package init(timeZone: ReportTimeZone = .utc, officeHours: OfficeHours? = nil, window: ReportWindow = .unbounded) {
        self.timeZone = timeZone
        self.officeHours = officeHours
        self.window = window
    }

    /// Records one verified, first-seen event; events must be recorded in archive order.
    package mutating func record(_ event: DecodedEvent) {
        let time = event.time.milliseconds
        sequence &+= 1
        count(event.type, at: event.time)
        switch event.payload {
        case .conversation(let snapshot):
            recordSnapshot(snapshot, time: time, isCreation: event.type == .created)
        case .thread(let conversationId, let thread):
            if let fact = threadFact(thread) { conversations[conversationId, default: ConversationFacts()].add([fact]) }
        case .deletion(let conversationId):
            conversations[conversationId, default: ConversationFacts()].isDeleted = true
        case .rating(let rating):
            remember(rating.agent)
            let identity: RatingFact.Identity =
                rating.id.map { .rating($0) }
                ?? rating.threadId.map { .thread($0) } ?? .conversation(rating.conversationId)
            ratings.append(
                RatingFact(
                    identity: identity, conversation: rating.conversationId, time: time, sequence: sequence,
                    score: rating.score, agent: rating.agent?.id ?? Fact.none, mailbox: rating.mailboxId ?? Fact.none,
                    thread: rating.threadId ?? Fact.none))
        case .merge, .customer, .unanalysed:
            break
        }
    }

    /// Counts a verified event of `type` at `time`: in the event counts when it is in the window,
    /// and in the span of event times either way.
    package mutating func count(_ type: EventType, at time: Timestamp) {
        if let index = type.knownIndex { return count(knownIndex: index, at: time.milliseconds) }
        let milliseconds = time.milliseconds
        if window.contains(milliseconds) {
            countsBeforeToday[EventCountKey(day: timeZone.dayNumber(time), type: type), default: 0] += 1
        }
        firstEventTime = min(firstEventTime ?? milliseconds, milliseconds)
        lastEventTime = max(lastEventTime ?? milliseconds, milliseconds)
    }

    /// `count(_:at:)` for the known type of index `knownIndex` (`EventType.known`), at `milliseconds`:
    /// what a merge counts each event by, without making its type.
    package mutating func count(knownIndex: Int, at milliseconds: Int64) {
        if window.contains(milliseconds) {
            if !today.instants.contains(milliseconds) {
                let (day, instants) = timeZone.daySpan(Timestamp(milliseconds: milliseconds))
                if day != today.day {
                    for (index, count) in today.counts.enumerated() where count > 0 {
                        countsBeforeToday[EventCountKey(day: today.day, type: EventType.known[index]), default: 0] +=
                            count
                    }
                    today = DayCounts(day: day)
                }
                today.instants = instants
            }
            today.counts[knownIndex] += 1
        }
        firstEventTime = min(firstEventTime ?? milliseconds, milliseconds)
        lastEventTime = max(lastEventTime ?? milliseconds, milliseconds)
    }

    private mutating func recordSnapshot(_ snapshot: ConversationSnapshot, time: Int64, isCreation: Bool) {
        remember(snapshot.assignee)
        if let mailbox = snapshot.mailbox, let name = mailbox.name, mailboxNames[mailbox.id] == nil {
            mailboxNames[mailbox.id] = name
        }
        let isClosed = snapshot.status.map(Self.isClosed) ?? false
        var tagSet: Int32 = -1
        if let tags = snapshot.tags { tagSet = intern(tags) }
        let fact = SnapshotFact(
            time: time, closedEnd: isClosed ? (snapshot.closedAt?.milliseconds ?? time) : Fact.none, sequence: sequence,
            tagSet: tagSet, assignee: agents.intern(snapshot.assignee?.id),
            mailbox: mailboxes.intern(snapshot.mailbox?.id), customer: snapshot.customerId ?? Fact.none)
        snapshotThreads.removeAll(keepingCapacity: true)
        for thread in snapshot.threads {
            if let fact = threadFact(thread) { snapshotThreads.append(fact) }
        }
        conversations[snapshot.id, default: ConversationFacts()].add(
            fact, createdAt: snapshot.createdAt?.milliseconds ?? Fact.none, threads: snapshotThreads,
            isCreation: isCreation)
    }

    /// Whether a status is `closed`, in any case: bytes compared for an ASCII status (most are
    /// `active`, as long, which `lowercased()` made a string of each time), else lower-cased.
    static func isClosed(_ status: String) -> Bool {
        guard status.utf8.count == 6 else { return false }
        guard status.utf8.allSatisfy({ $0 < 0x80 }) else { return status.lowercased() == "closed" }
        return status.utf8.elementsEqual("closed".utf8) { $0 | 0x20 == $1 }
    }

    /// A thread's fact; nil when it has no time to place it by.
    private mutating func threadFact(_ thread: ThreadRecord) -> ThreadFact? {
        guard let time = thread.createdAt else { return nil }
        let isAgentWork = thread.kind == .agentReply || thread.kind == .note
        if isAgentWork { remember(thread.author) }
        return ThreadFact(
            id: thread.id ?? Fact.none, time: time.milliseconds,
            author: isAgentWork ? agents.intern(thread.author?.id) : IdTable.none, kind: thread.kind)
    }

    private mutating func remember(_ person: Person?) {
        guard let person, let name = person.name, agentNames[person.id] == nil else { return }
        agentNames[person.id] = name
    }

    /// The index of a tag set, its names de-duplicated and sorted.
    package mutating func intern(_ tags: [String]) -> Int32 {
        var names = tags
        if !tags.indices.dropFirst().allSatisfy({ tags[$0 - 1] < tags[$0] }) {
            names = tags.sorted()
            names = names.enumerated().filter { $0.offset == 0 || names[$0.offset - 1] != $0.element }.map(\.element)
        }
        if let index = tagSetIndex[names] { return index }
        let index = Int32(tagSets.count)
        tagSets.append(names)
        tagSetIndex[names] = index
        return index
    }

    /// The tag names of a snapshot, or nil when it had no `tags` array.
    package func tags(of snapshot: SnapshotFact) -> [String]? {
        snapshot.tagSet < 0 ? nil : tagSets[Int(snapshot.tagSet)]
    }
}
