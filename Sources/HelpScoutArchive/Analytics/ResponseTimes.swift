import Foundation

/// Response, first-response and resolution times: every measurement, by measure and key.
struct ResponseTimes: ConversationMetric {
    /// The measurements of each row but `all`: by mailbox or agent id (`Fact.none` for unknown), or
    /// by day number. Scope `all` is made from the mailboxes' measurements.
    private var samples: [SampleKey: [Double]] = [:]

    private enum Scope: Int { case mailbox, agent, day }

    private struct SampleKey: Hashable {
        var metric: ResponseMetric
        var scope: Scope
        var key: Int64

        var metricKey: MetricKey {
            switch scope {
            case .mailbox: return .mailbox(fact: key)
            case .agent: return .agent(fact: key)
            case .day: return .day(Int(key))
            }
        }
    }

    /// One measured response: the wait of a customer message until the next agent reply.
    struct Response: Equatable {
        var seconds: Double
        var agent: Int64
        var replyTime: Int64
        /// When the customer started waiting.
        var waitStart: Int64 { replyTime - Int64((seconds * 1000).rounded()) }
    }

    /// The zone whose days the `day` scope counts in.
    private var timeZone = ReportTimeZone.utc
    /// The office hours the `_office` measures count in, if any.
    private var officeHours: OfficeHours?

    /// What is measured: a response or first response by its reply's time, a resolution by the
    /// instant it ends.
    private var window = ReportWindow.unbounded
    /// Whether only the mailbox scope, which scope `all` is made from, is kept.
    private var keepsOnlyAll = false

    init(store: FactStore) {
        self.init(store: store, window: store.period, keepsOnlyAll: false)
    }

    /// The measurements of `window`; with `keepsOnlyAll`, only the rows of scope `all` and mailbox
    /// mean anything (the headline of the window before the report's needs no more).
    init(store: FactStore, window: ReportWindow, keepsOnlyAll: Bool) {
        timeZone = store.timeZone
        officeHours = store.officeHours
        self.window = window
        self.keepsOnlyAll = keepsOnlyAll
    }

    /// Seconds of office time from `start` to `end`.
    private func officeSeconds(_ hours: OfficeHours, _ start: Int64, _ end: Int64) -> Double {
        Double(
            hours.officeMilliseconds(
                from: Timestamp(milliseconds: start), to: Timestamp(milliseconds: end), in: timeZone)) / 1000
    }

    private mutating func add(_ metric: ResponseMetric, _ scope: Scope, _ key: Int64, _ seconds: Double) {
        samples[SampleKey(metric: metric, scope: scope, key: key), default: []].append(seconds)
    }

    mutating func add(_ conversation: ConversationView) {
        let mailbox = conversation.mailbox
        let responses = conversation.responses
        for response in responses where window.contains(response.replyTime) {
            add(.response, .mailbox, mailbox, response.seconds)
            let office = officeHours.map { officeSeconds($0, response.waitStart, response.replyTime) }
            if let office { add(.responseOffice, .mailbox, mailbox, office) }
            guard !keepsOnlyAll else { continue }
            let day = Int64(timeZone.dayNumber(Timestamp(milliseconds: response.replyTime)))
            add(.response, .agent, response.agent, response.seconds)
            add(.response, .day, day, response.seconds)
            if let office {
                add(.responseOffice, .agent, response.agent, office)
                add(.responseOffice, .day, day, office)
            }
        }
        if conversation.facts.hasCreatedEvent, conversation.threads.first?.kind == .customerMessage,
            let first = responses.first, window.contains(first.replyTime)
        {
            add(.firstResponse, .mailbox, mailbox, first.seconds)
            if let officeHours {
                add(
                    .firstResponseOffice, .mailbox, mailbox,
                    officeSeconds(officeHours, first.waitStart, first.replyTime))
            }
        }
        if let (created, closed, _) = conversation.resolution, window.contains(closed) {
            add(.resolution, .mailbox, mailbox, Double(closed - created) / 1000)
            if let officeHours {
                add(.resolutionOffice, .mailbox, mailbox, officeSeconds(officeHours, created, closed))
            }
        }
    }

    mutating func merge(_ other: ResponseTimes) {
        for (key, values) in other.samples {
            // Exactly the room needed: these arrays are most of the memory the metrics take.
            samples[key, default: []].reserveCapacity((samples[key]?.count ?? 0) + values.count)
            samples[key]!.append(contentsOf: values)
        }
    }

    /// Summarises the measurements: measures and scopes in their order (all, mailbox, agent, day),
    /// then keys by value, unknown last. The sorting runs on every core: first each key's own
    /// measurements, in place; then each measure's `all`, from its mailboxes' runs already sorted.
    consuming func rows(store: FactStore) -> [ResponseTimeRow] {
        let keys = samples.keys.sorted { a, b in
            func rank(_ key: SampleKey) -> (Int, Int, Int, Int64) {
                (
                    ResponseMetric.allCases.firstIndex(of: key.metric)!, key.scope.rawValue,
                    key.key == Fact.none ? 1 : 0,
                    key.key
                )
            }
            return rank(a) < rank(b)
        }
        let values = ConcurrentSlots(keys.map { samples.removeValue(forKey: $0)! })
        DispatchQueue.concurrentPerform(iterations: keys.count) { index in
            var sorted = values.take(index)
            sorted.sort()
            values.put(index, sorted)
        }
        let sorted = values.takeAll()
        let metrics = ResponseMetric.allCases.filter { metric in keys.contains { $0.metric == metric } }
        let allSummaries = ConcurrentSlots<DistributionSummary?>(Array(repeating: nil, count: metrics.count))
        DispatchQueue.concurrentPerform(iterations: metrics.count) { index in
            // Sorted runs one after another: the library's merge sort finds and merges them.
            var all = keys.indices.filter { keys[$0].metric == metrics[index] && keys[$0].scope == .mailbox }
                .flatMap { sorted[$0] }
            all.sort()
            allSummaries.put(index, DistributionSummary(sorted: all))
        }
        var rows: [ResponseTimeRow] = []
        for (index, key) in keys.enumerated() {
            if key.scope == .mailbox && (index == 0 || keys[index - 1].metric != key.metric) {
                rows.append(
                    ResponseTimeRow(
                        metric: key.metric, key: .all,
                        summary: allSummaries.take(metrics.firstIndex(of: key.metric)!)!))
            }
            rows.append(
                ResponseTimeRow(
                    metric: key.metric, key: key.metricKey,
                    summary: DistributionSummary(sorted: sorted[index])!))
        }
        return rows
    }

    /// Walks threads in time order: the first customer message after the last agent reply starts
    /// the clock, the next agent reply stops it. Replies nobody waited for are not measured.
    static func responses(_ threads: [ThreadFact], agent: (Int32) -> Int64) -> [Response] {
        var waitingSince: Int64?
        var responses: [Response] = []
        for thread in threads {
            switch thread.kind {
            case .customerMessage:
                if waitingSince == nil { waitingSince = thread.time }
            case .agentReply:
                if let start = waitingSince {
                    responses.append(
                        Response(
                            seconds: Double(thread.time - start) / 1000, agent: agent(thread.author),
                            replyTime: thread.time))
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
    /// `seen` is the event time of that snapshot.
    static func resolution(snapshots: [SnapshotFact], threads: [ThreadFact], createdAt created: Int64) -> (
        created: Int64, closed: Int64, seen: Int64
    )? {
        guard created != Fact.none,
            let firstReply = threads.first(where: { $0.kind == .agentReply })?.time,
            let closing = snapshots.first(where: { $0.isClosed && $0.time >= firstReply })
        else { return nil }
        return (created, closing.closedEnd, closing.time)
    }
}
