/// Response, first-response and resolution times (section 4 of the spec).
public struct ResponseTimes: Sendable {
    public enum Metric: String, Sendable, CaseIterable { case response, firstResponse = "first_response", resolution }
    public enum Scope: String, Sendable, CaseIterable { case all, mailbox, agent, day }

    /// One row of `response_times.csv`.
    public struct Row: Sendable, Equatable {
        public var metric: Metric
        public var scope: Scope
        public var key: String
        public var summary: DistributionSummary
    }

    /// One measured response: the wait of a customer message until the next agent reply.
    public struct Response: Sendable, Equatable {
        public var seconds: Double
        public var agent: Int64
        public var mailbox: Int64
        public var replyTime: Int64
    }

    public private(set) var rows: [Row] = []
    /// The measurements of each row, keyed by number until `finish` names them: 0 for `all`, the
    /// mailbox or agent id (`Fact.none` for unknown), the day number.
    private var samples: [SampleKey: [Double]] = [:]

    private struct SampleKey: Hashable {
        var metric: Metric
        var scope: Scope
        var key: Int64
    }

    init() {}

    private mutating func add(_ metric: Metric, _ scope: Scope, _ key: Int64, _ seconds: Double) {
        samples[SampleKey(metric: metric, scope: scope, key: key), default: []].append(seconds)
    }

    /// Measures one conversation.
    mutating func add(_ conversation: ConversationView) {
            let mailbox = conversation.mailbox
            let responses = Self.responses(conversation.threads, mailbox: conversation.mailbox, agent: conversation.agent)
            // Every measurement goes to one mailbox key: `finish` makes scope `all` from those.
            for response in responses {
                add(.response, .mailbox, mailbox, response.seconds)
                add(.response, .agent, response.agent, response.seconds)
                add(.response, .day, Int64(Timestamp(milliseconds: response.replyTime).dayNumber), response.seconds)
            }
            if conversation.facts.hasCreatedEvent, conversation.threads.first?.kind == .customerMessage,
               let first = responses.first {
                add(.firstResponse, .mailbox, mailbox, first.seconds)
            }
            if let seconds = Self.resolution(conversation) {
                add(.resolution, .mailbox, mailbox, seconds)
            }
    }

    /// Takes in the measurements of another part of the conversations.
    mutating func merge(_ other: ResponseTimes) {
        for (key, values) in other.samples {
            // Exactly the room needed: these arrays are most of the memory the metrics take.
            samples[key, default: []].reserveCapacity((samples[key]?.count ?? 0) + values.count)
            samples[key]!.append(contentsOf: values)
        }
    }

    /// Summarises the measurements into rows: metrics and scopes in their order, then keys by
    /// value (days by date), `unknown` last.
    mutating func finish() {
        var keys = Array(samples.keys)
        for metric in Set(keys.map(\.metric)) { keys.append(SampleKey(metric: metric, scope: .all, key: 0)) }
        keys.sort { a, b in
            func rank(_ key: SampleKey) -> (Int, Int, Int, Int64) {
                (Metric.allCases.firstIndex(of: key.metric)!, Scope.allCases.firstIndex(of: key.scope)!, key.key == Fact.none ? 1 : 0, key.key)
            }
            return rank(a) < rank(b)
        }
        for key in keys {
            let name: String
            switch key.scope {
            case .all: name = MetricKey.all
            case .mailbox, .agent: name = MetricKey.id(key.key)
            case .day: name = Timestamp.dayString(Int(key.key))
            }
            // Each key's measurements are let go once summarised (`all` comes before the mailboxes).
            let values = key.scope == .all
                ? samples.filter { $0.key.metric == key.metric && $0.key.scope == .mailbox }.values.flatMap { $0 }
                : samples.removeValue(forKey: key)!
            rows.append(Row(metric: key.metric, scope: key.scope, key: name, summary: DistributionSummary(values)!))
        }
        samples = [:]
    }

    /// Walks threads in time order: the first customer message after the last agent reply starts
    /// the clock, the next agent reply stops it. Replies nobody waited for are not measured.
    static func responses(_ threads: [ThreadFact], mailbox: Int64, agent: (Int32) -> Int64) -> [Response] {
        var waitingSince: Int64?
        var responses: [Response] = []
        for thread in threads {
            switch thread.kind {
            case .customerMessage:
                if waitingSince == nil { waitingSince = thread.time }
            case .agentReply:
                if let start = waitingSince {
                    responses.append(Response(seconds: Double(thread.time - start) / 1000, agent: agent(thread.author),
                                              mailbox: mailbox, replyTime: thread.time))
                    waitingSince = nil
                }
            case .note, .other:
                continue
            }
        }
        return responses
    }

    /// Help Scout's resolution time: from the conversation's creation to the first closed snapshot at
    /// or after an agent reply, ending at its `closedAt` (else its event time). Nil when unresolved.
    static func resolution(_ conversation: ConversationView) -> Double? {
        let created = conversation.createdAt
        guard created != Fact.none, let firstReply = conversation.threads.first(where: { $0.kind == .agentReply })?.time,
              let closing = conversation.snapshots.first(where: { $0.isClosed && $0.time >= firstReply })
        else { return nil }
        return Double(closing.closedEnd - created) / 1000
    }
}
