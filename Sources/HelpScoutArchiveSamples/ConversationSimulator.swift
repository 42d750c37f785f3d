/// Plays one conversation from its first message to its rating, emitting webhook events.
struct ConversationSimulator {
    private(set) var random: SampleRandom
    private var nextThreadId: Int64
    private var events: [SimulatedEvent] = []
    private var conversation: SimulatedConversation
    private var clock: Int64
    private let threadBodyWords: ClosedRange<Int>

    private static let minute: Int64 = 60_000
    private static let hour: Int64 = 3_600_000

    init(
        random: SampleRandom, id: Int64, number: Int64, customer: SampleCast.Customer, start: Int64,
        nextThreadId: Int64, threadBodyWords: ClosedRange<Int>
    ) {
        self.random = random
        self.nextThreadId = nextThreadId
        self.threadBodyWords = threadBodyWords
        clock = start
        var random = random
        let isChat = random.chance(0.06)
        conversation = SimulatedConversation(
            id: id, number: number, subject: random.pick(SampleCast.subjects), customer: customer,
            mailbox: random.pick(SampleCast.mailboxes), createdAt: start, userUpdatedAt: start, isChat: isChat)
        self.random = random
    }

    /// Simulates the whole conversation; returns its events and the next free thread id.
    mutating func run(newCustomer: Bool) -> (events: [SimulatedEvent], nextThreadId: Int64, random: SampleRandom) {
        if newCustomer {
            events.append(
                SimulatedEvent(
                    type: "customer.created", time: clock - 1000,
                    subject: .customer(conversation.customer, createdAt: clock - 1000)))
        }
        addThread(customer: true)
        if random.chance(0.25) { conversation.tags = [random.pick(SampleCast.tags)] }
        emit("convo.created")
        if random.chance(0.85) { assign(to: random.pick(SampleCast.agents), after: random.exponential(mean: 20)) }
        if random.chance(0.5) { retag(after: random.exponential(mean: 30)) }

        let rounds = random.int(1...3)
        for round in 0..<rounds {
            if random.chance(0.12) { addCustomerMessage(after: random.exponential(mean: 40)) }
            if random.chance(0.2) { addNote(after: random.exponential(mean: 30)) }
            if random.chance(0.18) { reassign() }
            if random.chance(0.04) { move() }
            addAgentReply(after: random.exponential(mean: 150))
            if round < rounds - 1 { addCustomerMessage(after: random.exponential(mean: 300)) }
        }
        if random.chance(0.06) { emit("convo.custom-fields") }
        if random.chance(0.15) { retag(after: random.exponential(mean: 60)) }
        if random.chance(0.03) {
            advance(random.exponential(mean: 120))
            events.append(
                SimulatedEvent(type: "convo.deleted", time: clock, subject: .deletion(conversationId: conversation.id)))
            return (events, nextThreadId, random)
        }
        if random.chance(0.86) {
            close(after: random.exponential(mean: 240))
            if random.chance(0.1) {
                addCustomerMessage(after: random.exponential(mean: 600))
                addAgentReply(after: random.exponential(mean: 120))
                close(after: random.exponential(mean: 60))
            }
            if random.chance(0.38) { rate() }
        }
        if random.chance(0.01) {
            advance(random.exponential(mean: 30))
            events.append(
                SimulatedEvent(
                    type: "convo.merged", time: clock,
                    subject: .merge(conversation, mergedId: conversation.id + 500_000)))
        }
        if random.chance(0.05) {
            advance(random.exponential(mean: 300))
            events.append(
                SimulatedEvent(
                    type: "customer.updated", time: clock,
                    subject: .customer(conversation.customer, createdAt: conversation.createdAt)))
        }
        return (events, nextThreadId, random)
    }

    private mutating func advance(_ minutes: Double) {
        clock += max(1000, Int64(minutes * Double(Self.minute)))
        conversation.userUpdatedAt = clock
    }

    private mutating func emit(_ type: String) {
        events.append(SimulatedEvent(type: type, time: clock, subject: .conversation(conversation)))
    }

    private mutating func text() -> String {
        (0..<random.int(threadBodyWords)).map { _ in random.pick(SampleCast.sentences) }.joined(separator: " ")
    }

    @discardableResult
    private mutating func addThread(customer: Bool, agent: SampleCast.Agent? = nil, type: String? = nil)
        -> SimulatedThread
    {
        let kind =
            type
            ?? (conversation.isChat ? "chat" : (customer ? "customer" : (random.chance(0.8) ? "reply" : "message")))
        let paragraphs = "<p>" + text() + "</p>"
        let thread = SimulatedThread(
            id: nextThreadId, type: kind, author: customer ? .customer : .agent(agent!),
            createdAt: clock, body: paragraphs)
        nextThreadId += 1
        conversation.threads.append(thread)
        return thread
    }

    private mutating func addCustomerMessage(after minutes: Double) {
        advance(minutes)
        if conversation.status == "closed" {
            conversation.status = "active"
            conversation.closedAt = nil
        }
        let thread = addThread(customer: true)
        events.append(
            SimulatedEvent(type: "convo.customer.reply.created", time: clock, subject: .thread(thread, conversation)))
    }

    private mutating func addAgentReply(after minutes: Double) {
        advance(minutes)
        let agent = conversation.assignee ?? random.pick(SampleCast.agents)
        if conversation.assignee == nil && random.chance(0.7) { conversation.assignee = agent }
        conversation.status = random.chance(0.3) ? "pending" : "active"
        let thread = addThread(customer: false, agent: agent)
        events.append(
            SimulatedEvent(type: "convo.agent.reply.created", time: clock, subject: .thread(thread, conversation)))
    }

    private mutating func addNote(after minutes: Double) {
        advance(minutes)
        let thread = addThread(customer: false, agent: random.pick(SampleCast.agents), type: "note")
        events.append(SimulatedEvent(type: "convo.note.created", time: clock, subject: .thread(thread, conversation)))
    }

    private mutating func assign(to agent: SampleCast.Agent?, after minutes: Double) {
        advance(minutes)
        conversation.assignee = agent
        emit("convo.assigned")
    }

    private mutating func reassign() {
        let previous = conversation.assignee
        if random.chance(0.15) {
            assign(to: nil, after: random.exponential(mean: 30))
            if random.chance(0.6) {
                assign(to: previous ?? random.pick(SampleCast.agents), after: random.exponential(mean: 20))
            }
            return
        }
        let others = SampleCast.agents.filter { $0.id != previous?.id }
        assign(to: random.pick(others), after: random.exponential(mean: 45))
        if let previous, random.chance(0.25) { assign(to: previous, after: random.exponential(mean: 60)) }
    }

    private mutating func retag(after minutes: Double) {
        advance(minutes)
        if !conversation.tags.isEmpty && random.chance(0.3) {
            conversation.tags.removeFirst()
        } else {
            let tag = random.pick(SampleCast.tags)
            if !conversation.tags.contains(tag) { conversation.tags.append(tag) }
        }
        emit("convo.tags")
    }

    private mutating func move() {
        advance(random.exponential(mean: 30))
        conversation.mailbox = random.pick(SampleCast.mailboxes.filter { $0.id != conversation.mailbox.id })
        emit("convo.moved")
    }

    private mutating func close(after minutes: Double) {
        advance(minutes)
        conversation.status = "closed"
        conversation.closedAt = clock
        emit("convo.status")
    }

    private mutating func rate() {
        advance(random.exponential(mean: 180))
        let scores = ["great", "great", "great", "okay", "not_good"]
        let lastReply = conversation.threads.last {
            if case .agent = $0.author, $0.type != "note" { return true } else { return false }
        }
        var agent: SampleCast.Agent?
        if case .agent(let author)? = lastReply?.author { agent = author }
        let id = conversation.id * 10
        var rating = SimulatedRating(
            id: id, conversationId: conversation.id, threadId: lastReply?.id ?? 0, rating: random.pick(scores),
            comments: random.chance(0.4)
                ? random.pick([
                    "Quick and helpful, thanks!", "Took too long.", "=HYPERLINK(\"http://x.test\")",
                    "Fine, I guess | meh",
                ]) : nil,
            agent: random.chance(0.9) ? agent : nil, mailboxId: conversation.mailbox.id,
            customer: conversation.customer, createdAt: clock, modifiedAt: clock)
        events.append(SimulatedEvent(type: "satisfaction.ratings", time: clock, subject: .rating(rating)))
        if random.chance(0.08) {
            advance(random.exponential(mean: 120))
            rating = SimulatedRating(
                id: rating.id, conversationId: rating.conversationId, threadId: rating.threadId,
                rating: random.pick(scores), comments: rating.comments, agent: rating.agent,
                mailboxId: rating.mailboxId, customer: rating.customer, createdAt: rating.createdAt, modifiedAt: clock)
            events.append(SimulatedEvent(type: "satisfaction.ratings", time: clock, subject: .rating(rating)))
        }
    }
}
