import Foundation

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
    /// value (days by date), `unknown` last. The sorting runs on every core: first each key's own
    /// measurements, in place; then each metric's `all`, from its mailboxes' runs already sorted.
    mutating func finish() {
        let keys = samples.keys.sorted { a, b in
            func rank(_ key: SampleKey) -> (Int, Int, Int, Int64) {
                (Metric.allCases.firstIndex(of: key.metric)!, Scope.allCases.firstIndex(of: key.scope)!, key.key == Fact.none ? 1 : 0, key.key)
            }
            return rank(a) < rank(b)
        }
        let values = ConcurrentSlots(keys.map { samples.removeValue(forKey: $0)! })
        samples = [:]
        DispatchQueue.concurrentPerform(iterations: keys.count) { index in
            var sorted = values.take(index)
            sorted.sort()
            values.put(index, sorted)
        }
        let sorted = values.takeAll()
        let metrics = Metric.allCases.filter { metric in keys.contains { $0.metric == metric } }
        let allSummaries = ConcurrentSlots<DistributionSummary?>(Array(repeating: nil, count: metrics.count))
        DispatchQueue.concurrentPerform(iterations: metrics.count) { index in
            // Sorted runs one after another: the library's merge sort finds and merges them.
            var all = keys.indices.filter { keys[$0].metric == metrics[index] && keys[$0].scope == .mailbox }
                .flatMap { sorted[$0] }
            all.sort()
            allSummaries.put(index, DistributionSummary(sorted: all))
        }
        for (index, key) in keys.enumerated() {
            if key.scope == .mailbox && (index == 0 || keys[index - 1].metric != key.metric) {
                rows.append(Row(metric: key.metric, scope: .all, key: MetricKey.all,
                                summary: allSummaries.take(metrics.firstIndex(of: key.metric)!)!))
            }
            let name: String
            switch key.scope {
            case .all: name = MetricKey.all
            case .mailbox, .agent: name = MetricKey.id(key.key)
            case .day: name = Timestamp.dayString(Int(key.key))
            }
            rows.append(Row(metric: key.metric, scope: key.scope, key: name, summary: DistributionSummary(sorted: sorted[index])!))
        }
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
