import Foundation

/// Response, first-response and resolution times: every measurement, by measure and key.
struct ResponseTimes: ConversationMetric {
    /// The measurements of each row but `all`, by measure and scope (`slot(_:_:)`), then by key: a
    /// mailbox's or agent's index in the store's `IdTable` plus one (0 for unknown), or a day's
    /// place in `days`. Indices rather than ids, so that a measurement costs no hashing; `rows`
    /// turns them back into ids. Scope `all` is made from the mailboxes' measurements.
    private var samples = [[[Double]]](repeating: [], count: ResponseMetric.allCases.count * Scope.count)
    /// The days measured, in the order first measured, with the place of each.
    private var days: DayPlaces
    /// The agent and mailbox ids the indices refer to.
    private let agents: IdTable
    private let mailboxes: IdTable

    private enum Scope: Int {
        case mailbox, agent, day
        static let count = 3
    }

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
        /// The replying agent's index in the store's `IdTable`.
        var agent: Int32
        var replyTime: Int64
        /// When the customer started waiting.
        var waitStart: Int64 { replyTime - DistributionSummary.wholeMilliseconds(seconds) }
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
        agents = store.agents
        mailboxes = store.mailboxes
        timeZone = store.timeZone
        days = DayPlaces(timeZone: store.timeZone)
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

    private static func slot(_ metric: ResponseMetric, _ scope: Scope) -> Int {
        let order: Int
        switch metric {
        case .response: order = 0
        case .firstResponse: order = 1
        case .resolution: order = 2
        case .responseOffice: order = 3
        case .firstResponseOffice: order = 4
        case .resolutionOffice: order = 5
        }
        return order * Scope.count + scope.rawValue
    }

    private mutating func add(_ metric: ResponseMetric, _ scope: Scope, _ key: Int, _ seconds: Double) {
        let slot = Self.slot(metric, scope)
        if samples[slot].count <= key {
            samples[slot].append(contentsOf: repeatElement([], count: key + 1 - samples[slot].count))
        }
        samples[slot][key].append(seconds)
    }

    mutating func add(_ conversation: ConversationView) {
        let mailbox = Int(conversation.mailboxIndex) + 1
        let responses = conversation.responses
        for response in responses where window.contains(response.replyTime) {
            add(.response, .mailbox, mailbox, response.seconds)
            let office = officeHours.map { officeSeconds($0, response.waitStart, response.replyTime) }
            if let office { add(.responseOffice, .mailbox, mailbox, office) }
            guard !keepsOnlyAll else { continue }
            let day = days.place(at: response.replyTime)
            let agent = Int(response.agent) + 1
            add(.response, .agent, agent, response.seconds)
            add(.response, .day, day, response.seconds)
            if let office {
                add(.responseOffice, .agent, agent, office)
                add(.responseOffice, .day, day, office)
            }
        }
        if conversation.hasCreatedEvent, conversation.threads.first?.kind == .customerMessage,
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
        for (slot, keyed) in other.samples.enumerated() {
            let scope = Scope(rawValue: slot % Scope.count)!
            for (key, values) in keyed.enumerated() where !values.isEmpty {
                let key = scope == .day ? days.place(ofDay: other.days.days[key]) : key
                if samples[slot].count <= key {
                    samples[slot].append(contentsOf: repeatElement([], count: key + 1 - samples[slot].count))
                }
                // Exactly the room needed: these arrays are most of the memory the metrics take.
                samples[slot][key].reserveCapacity(samples[slot][key].count + values.count)
                samples[slot][key].append(contentsOf: values)
            }
        }
    }

    /// The measurements by measure, scope and id (or day): slots whose ids are the same (an id
    /// that is the unknown value itself) measure one row.
    private mutating func takeKeyedSamples() -> [SampleKey: [Double]] {
        var keyed: [SampleKey: [Double]] = [:]
        for metric in ResponseMetric.allCases {
            for scope in [Scope.mailbox, .agent, .day] {
                let slot = Self.slot(metric, scope)
                for key in samples[slot].indices where !samples[slot][key].isEmpty {
                    var values: [Double] = []
                    swap(&values, &samples[slot][key])
                    let id: Int64
                    switch scope {
                    case .mailbox: id = mailboxes.id(Int32(key - 1)) ?? Fact.none
                    case .agent: id = agents.id(Int32(key - 1)) ?? Fact.none
                    case .day: id = Int64(days.days[key])
                    }
                    let sampleKey = SampleKey(metric: metric, scope: scope, key: id)
                    if keyed[sampleKey] == nil {
                        keyed[sampleKey] = values
                    } else {
                        keyed[sampleKey]!.append(contentsOf: values)
                    }
                }
            }
        }
        return keyed
    }

    /// Summarises the measurements: measures and scopes in their order (all, mailbox, agent, day),
    /// then keys by value, unknown last. Each measure's `all` summarises its mailboxes'
    /// measurements together. The summaries are computed on every core, the largest first.
    consuming func rows(store: FactStore) -> [ResponseTimeRow] {
        var samples = takeKeyedSamples()
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
        let metrics = ResponseMetric.allCases.filter { metric in keys.contains { $0.metric == metric } }
        let alls = metrics.map { metric in
            keys.filter { $0.metric == metric && $0.scope == .mailbox }.flatMap { samples[$0]! }
        }
        let values = ConcurrentSlots(alls + keys.map { samples.removeValue(forKey: $0)! })
        let summaries = ConcurrentSlots<DistributionSummary?>(Array(repeating: nil, count: metrics.count + keys.count))
        let bucketed = keepsOnlyAll ? 0 : metrics.count
        DispatchQueue.concurrentPerform(iterations: metrics.count + keys.count) { index in
            // The first summaries are scope `all`'s, the only ones shown by bucket (and not even
            // those of the window before, which only the headline reads).
            summaries.put(
                index, DistributionSummary(values.take(index), countingBuckets: index < bucketed))
        }
        var rows: [ResponseTimeRow] = []
        for (index, key) in keys.enumerated() {
            if key.scope == .mailbox && (index == 0 || keys[index - 1].metric != key.metric) {
                rows.append(
                    ResponseTimeRow(
                        metric: key.metric, key: .all, summary: summaries.take(metrics.firstIndex(of: key.metric)!)!))
            }
            rows.append(
                ResponseTimeRow(metric: key.metric, key: key.metricKey, summary: summaries.take(metrics.count + index)!)
            )
        }
        return rows
    }

    /// Walks threads in time order: the first customer message after the last agent reply starts
    /// the clock, the next agent reply stops it. Replies nobody waited for are not measured.
    /// They go in `responses`, emptied first (its memory is kept).
    static func responses(_ threads: [ThreadFact], into responses: inout [Response]) {
        responses.removeAll(keepingCapacity: true)
        var waitingSince: Int64?
        for thread in threads {
            switch thread.kind {
            case .customerMessage:
                if waitingSince == nil { waitingSince = thread.time }
            case .agentReply:
                if let start = waitingSince {
                    responses.append(
                        Response(
                            seconds: Double(thread.time - start) / 1000, agent: thread.author,
                            replyTime: thread.time))
                    waitingSince = nil
                }
            case .note, .other:
                continue
            }
        }
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
