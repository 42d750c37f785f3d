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
    private var samples: [Metric: [Scope: [String: [Double]]]] = [:]

    init() {}

    private mutating func add(_ metric: Metric, _ scope: Scope, _ key: String, _ seconds: Double) {
        samples[metric, default: [:]][scope, default: [:]][key, default: []].append(seconds)
    }

    /// Measures one conversation.
    mutating func add(_ conversation: ConversationView) {
            let mailbox = MetricKey.id(conversation.mailbox)
            let responses = Self.responses(conversation.threads, mailbox: conversation.mailbox, agent: conversation.agent)
            for response in responses {
                add(.response, .all, MetricKey.all, response.seconds)
                add(.response, .mailbox, mailbox, response.seconds)
                add(.response, .agent, MetricKey.id(response.agent), response.seconds)
                add(.response, .day, Timestamp(milliseconds: response.replyTime).day, response.seconds)
            }
            if conversation.facts.hasCreatedEvent, conversation.threads.first?.kind == .customerMessage,
               let first = responses.first {
                add(.firstResponse, .all, MetricKey.all, first.seconds)
                add(.firstResponse, .mailbox, mailbox, first.seconds)
            }
            if let seconds = Self.resolution(conversation) {
                add(.resolution, .all, MetricKey.all, seconds)
                add(.resolution, .mailbox, mailbox, seconds)
            }
    }

    /// Takes in the measurements of another part of the conversations.
    mutating func merge(_ other: ResponseTimes) {
        for (metric, scopes) in other.samples {
            for (scope, keys) in scopes {
                for (key, values) in keys { samples[metric, default: [:]][scope, default: [:]][key, default: []] += values }
            }
        }
    }

    /// Summarises the measurements into rows.
    mutating func finish() {
        for metric in Metric.allCases {
            for scope in Scope.allCases {
                guard let byKey = samples[metric]?[scope] else { continue }
                for key in byKey.keys.sorted(by: MetricKey.precedes) {
                    rows.append(Row(metric: metric, scope: scope, key: key, summary: DistributionSummary(byKey[key]!)!))
                }
            }
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
