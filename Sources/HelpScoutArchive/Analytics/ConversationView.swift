/// One conversation's facts put in order, with what several metrics derive from them. Built for one
/// conversation at a time, so computing the metrics needs no more memory than the facts.
struct ConversationView {
    let id: Int64
    /// Whether a `convo.created` event was seen (first response is measured only then).
    let hasCreatedEvent: Bool
    let snapshots: [SnapshotFact]
    let threads: [ThreadFact]
    /// Where resolution starts: the `createdAt` of the earliest snapshot that gives one.
    let createdAt: Int64
    /// The mailbox id of the last snapshot that names one, or `Fact.none`.
    let mailbox: Int64
    /// Its index in the store's `IdTable`, or `IdTable.none`.
    let mailboxIndex: Int32
    /// The customer the last snapshot that names one is with, or `Fact.none`: the latest by time,
    /// and at equal times the later in archive order, as every other "latest" rule.
    let customer: Int64
    /// The agent ids that agent indices refer to.
    let agents: IdTable
    /// The conversation's resolution (see `ResponseTimes.resolution`), nil when unresolved.
    let resolution: (created: Int64, closed: Int64, seen: Int64)?
    /// Every wait of a customer that an agent reply ended (see `ResponseTimes.responses`), in order.
    let responses: [ResponseTimes.Response]

    init(id: Int64, facts: borrowing ConversationFacts, store: borrowing FactStore) {
        var buffers = Buffers(agents: store.agents)
        self.init(id: id, facts: facts, store: store, buffers: &buffers)
    }

    /// What a view holds that is not its own, kept from one conversation to the next by a loop over
    /// many: the arrays, so that a view costs no allocation of its own, and the store's agent table.
    /// A view takes them, and `buffers()` gives them back. (Passed along rather than copied per view:
    /// each copy of the table retained it, and the threads computing parts side by side then
    /// contended for its reference count.)
    struct Buffers {
        var snapshots: [SnapshotFact] = []
        var threads: [ThreadFact] = []
        var responses: [ResponseTimes.Response] = []
        var agents: IdTable
    }

    /// A view whose arrays are `buffers`', emptied and refilled (`buffers` is left without them).
    init(id: Int64, facts: borrowing ConversationFacts, store: borrowing FactStore, buffers: inout Buffers) {
        var taken = Buffers(agents: IdTable())
        swap(&taken, &buffers)
        let createdAt = facts.ordered(into: &taken.snapshots, &taken.threads)
        self.init(id: id, hasCreatedEvent: facts.hasCreatedEvent, createdAt: createdAt, store: store, taken: taken)
    }

    /// A view of facts gathered in `buffers`' arrays, in any order (`MergedConversations`), with
    /// the `createdAt` they give (`buffers` is left without them).
    init(
        id: Int64, hasCreatedEvent: Bool, createdAt: Int64, store: borrowing FactStore, gathered buffers: inout Buffers
    ) {
        var taken = Buffers(agents: IdTable())
        swap(&taken, &buffers)
        ConversationFacts.putInOrder(&taken.snapshots, &taken.threads)
        self.init(id: id, hasCreatedEvent: hasCreatedEvent, createdAt: createdAt, store: store, taken: taken)
    }

    private init(
        id: Int64, hasCreatedEvent: Bool, createdAt: Int64, store: borrowing FactStore, taken: consuming Buffers
    ) {
        self.id = id
        self.hasCreatedEvent = hasCreatedEvent
        self.createdAt = createdAt
        ResponseTimes.responses(taken.threads, into: &taken.responses)
        snapshots = taken.snapshots
        threads = taken.threads
        responses = taken.responses
        agents = taken.agents
        let storeAgents = store.agents.ids.count
        assert(
            agents.ids.count == storeAgents,
            "a view was given buffers without the store's agents: pass on each view's buffers() to the next")
        mailboxIndex = snapshots.last { $0.mailbox != IdTable.none }?.mailbox ?? IdTable.none
        mailbox = store.mailboxes.id(mailboxIndex) ?? Fact.none
        customer = snapshots.last { $0.customer != Fact.none }?.customer ?? Fact.none
        resolution = ResponseTimes.resolution(snapshots: snapshots, threads: threads, createdAt: createdAt)
    }

    /// The view's arrays, for the next view to reuse.
    consuming func buffers() -> Buffers {
        Buffers(snapshots: snapshots, threads: threads, responses: responses, agents: agents)
    }

    /// The mailbox id, nil when no snapshot names one.
    var mailboxId: Int64? { mailbox == Fact.none ? nil : mailbox }

    /// The id of an agent index, or `Fact.none`.
    func agent(_ index: Int32) -> Int64 { agents.id(index) ?? Fact.none }
}
