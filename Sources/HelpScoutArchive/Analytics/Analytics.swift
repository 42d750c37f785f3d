/// Every metric of a run, computed once from its facts, one conversation at a time.
public struct Analytics: Sendable {
    public let store: FactStore
    public let responseTimes: ResponseTimes
    public let churn: AssignmentChurn
    public let tags: TagFrequency
    public let satisfaction: Satisfaction

    public init(store: FactStore) {
        self.store = store
        var responseTimes = ResponseTimes()
        var churn = AssignmentChurn()
        var tags = TagFrequency()
        var satisfaction = Satisfaction(store: store)
        for id in store.conversations.keys.sorted() {
            let facts = store.conversations[id]!
            guard !facts.isDeleted else { continue }
            let view = ConversationView(id: id, facts: facts, store: store)
            responseTimes.add(view)
            churn.add(view)
            tags.add(view)
            satisfaction.add(view)
        }
        responseTimes.finish()
        churn.finish()
        tags.finish()
        satisfaction.finish()
        self.responseTimes = responseTimes
        self.churn = churn
        self.tags = tags
        self.satisfaction = satisfaction
    }

    /// Verified events per day and type, by day then type name.
    public var eventCounts: [(day: String, type: String, count: Int)] {
        store.eventCounts.keys.sorted { ($0.day, $0.type) < ($1.day, $1.type) }.map { key in
            (Timestamp.dayString(key.day), key.type, store.eventCounts[key]!)
        }
    }

    /// The name an agent goes by in the events, with its id, else its id.
    public func agentLabel(_ id: Int64) -> String {
        guard id != Fact.none else { return MetricKey.unknown }
        return store.agentNames[id].map { "\($0) (\(id))" } ?? String(id)
    }

    /// The name of a mailbox in the events, with its id, else its id.
    public func mailboxLabel(_ id: Int64) -> String {
        guard id != Fact.none else { return MetricKey.unknown }
        return store.mailboxNames[id].map { "\($0) (\(id))" } ?? String(id)
    }
}
