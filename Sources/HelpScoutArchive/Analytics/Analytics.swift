import Foundation

extension AnalyticsResult {
    /// Computes every metric from a run's facts, one conversation at a time. The conversations are
    /// split into parts computed in parallel and merged, so the result is the same for any number
    /// of parts.
    /// - Parameter parts: how many; by default four once there are enough conversations to be worth
    ///   it (more parts than cores, so a core that starts late or runs slow does not hold the rest up).
    package init(store given: FactStore, parts: Int? = nil) {
        // The conversations in order (a run's sorted, a merge's records put in order) and the latest
        // ratings, found side by side.
        var start = SideBySide()
        let sortedIds = start.add { given.conversations.keys.sorted() }
        let merged = start.add { given.mergedConversations?.finished() }
        let latest = start.add { LatestRatings(given.ratings) }
        start.run()
        var finished = given
        finished.mergedConversations = merged()
        let store = finished
        let ids = sortedIds(), latestRatings = latest()
        let count = store.conversationCount
        let parts = max(1, min(parts ?? (count >= 2000 ? 4 : 1), count))
        let comparison = HeadlineComparison(window: store.window, firstEventTime: store.firstEventTime)
        let empty = Metrics(store: store, latestRatings: latestRatings, previousWindow: comparison.previousWindow)
        let states = ConcurrentSlots<Metrics?>(Array(repeating: nil, count: parts))
        let mergedParts = store.mergedConversations?.parts(parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var metrics = empty
            var buffers = ConversationView.Buffers(agents: store.agents)
            for id in ids[(ids.count * part / parts)..<(ids.count * (part + 1) / parts)] {
                let facts = store.conversations[id]!
                guard !facts.isDeleted else { continue }
                let view = ConversationView(id: id, facts: facts, store: store, buffers: &buffers)
                metrics.add(view)
                buffers = view.buffers()
            }
            store.mergedConversations?.forEach(in: mergedParts![part], buffers: &buffers) {
                id, flags, createdAt, buffers in
                guard flags & 2 == 0 else { return }
                let view = ConversationView(
                    id: id, hasCreatedEvent: flags & 1 != 0, createdAt: createdAt, store: store, gathered: &buffers)
                metrics.add(view)
                buffers = view.buffers()
            }
            states.put(part, metrics)
        }
        var total = states.take(0)!
        for part in 1..<parts { total.merge(states.take(part)!) }

        // Each metric's rows need only its own state: they are made side by side.
        var rows = SideBySide()
        let responseTimes = rows.add(rowsOf: total.responseTimes, store: store)
        let churn = rows.add(rowsOf: total.churn, store: store)
        let tags = rows.add(rowsOf: total.tags, store: store)
        let satisfaction = rows.add(rowsOf: total.satisfaction, store: store)
        let busiestHours = rows.add(rowsOf: total.busiestHours, store: store)
        let series = ConcurrentSlots([total.series])
        let seriesRows = rows.add { series.take(0).rows(store: store, latest: latestRatings) }
        let headline = rows.add(rowsOf: total.headline, store: store)
        let previous = total.previous.map { previous in
            (
                headline: rows.add(rowsOf: previous.headline, store: store),
                responseTimes: rows.add(rowsOf: previous.responseTimes, store: store),
                satisfaction: rows.add(rowsOf: previous.satisfaction, store: store)
            )
        }
        // Let go of the states the work took, so that each is held by its work alone.
        total = empty
        rows.run()

        timeZone = store.timeZone
        officeHours = store.officeHours
        window = store.window
        self.comparison = comparison
        firstEventTime = store.firstEventTime.map(Timestamp.init(milliseconds:))
        lastEventTime = store.lastEventTime.map(Timestamp.init(milliseconds:))
        conversationCount = count
        eventCounts = store.eventCounts.map { EventCount(day: $0.key.day, type: $0.key.type, count: $0.value) }
            .sorted { ($0.day, $0.type.name) < ($1.day, $1.type.name) }
        self.responseTimes = responseTimes()
        self.churn = churn()
        self.tags = tags()
        self.satisfaction = satisfaction()
        self.busiestHours = busiestHours()
        self.series = seriesRows()
        let current = HeadlineMeasure.figures(
            counts: headline(), responseTimes: self.responseTimes, satisfaction: self.satisfaction)
        let previousFigures = previous.map { previous in
            HeadlineMeasure.figures(
                counts: previous.headline(), responseTimes: previous.responseTimes(),
                satisfaction: previous.satisfaction())
        }
        self.headline = HeadlineMeasure.measures(officeHours: store.officeHours != nil).map {
            HeadlineRow(measure: $0, current: current[$0], previous: previousFigures?[$0])
        }
        agentNames = store.agentNames
        mailboxNames = store.mailboxNames
    }

    /// The state of every metric over some of the conversations.
    private struct Metrics {
        var responseTimes: ResponseTimes
        var churn: AssignmentChurn
        var tags: TagFrequency
        var satisfaction: Satisfaction
        var busiestHours: BusiestHours
        var series: TimeSeries
        var headline: HeadlineCounts
        /// The headline's measures of the window before, when it is compared.
        var previous: PreviousWindow?

        init(store: FactStore, latestRatings: LatestRatings, previousWindow: ReportWindow?) {
            responseTimes = ResponseTimes(store: store)
            churn = AssignmentChurn(store: store)
            tags = TagFrequency(store: store)
            satisfaction = Satisfaction(latest: latestRatings, window: store.period)
            busiestHours = BusiestHours(store: store)
            series = TimeSeries(store: store)
            headline = HeadlineCounts(store: store)
            previous = previousWindow.map { PreviousWindow(store: store, latestRatings: latestRatings, window: $0) }
        }

        mutating func add(_ view: ConversationView) {
            responseTimes.add(view)
            churn.add(view)
            tags.add(view)
            satisfaction.add(view)
            busiestHours.add(view)
            series.add(view)
            headline.add(view)
            previous?.add(view)
        }

        mutating func merge(_ other: Metrics) {
            responseTimes.merge(other.responseTimes)
            churn.merge(other.churn)
            tags.merge(other.tags)
            satisfaction.merge(other.satisfaction)
            busiestHours.merge(other.busiestHours)
            series.merge(other.series)
            headline.merge(other.headline)
            if let other = other.previous { previous?.merge(other) }
        }
    }

    /// What the headline needs of the window before the report's.
    private struct PreviousWindow {
        var responseTimes: ResponseTimes
        var satisfaction: Satisfaction
        var headline: HeadlineCounts

        init(store: FactStore, latestRatings: LatestRatings, window: ReportWindow) {
            responseTimes = ResponseTimes(store: store, window: window, keepsOnlyAll: true)
            satisfaction = Satisfaction(latest: latestRatings, window: window)
            headline = HeadlineCounts(window: window)
        }

        mutating func add(_ view: ConversationView) {
            responseTimes.add(view)
            satisfaction.add(view)
            headline.add(view)
        }

        mutating func merge(_ other: PreviousWindow) {
            responseTimes.merge(other.responseTimes)
            satisfaction.merge(other.satisfaction)
            headline.merge(other.headline)
        }
    }
}
