/// Every metric of a run, computed once from its facts.
public struct Analytics: Sendable {
    public let store: FactStore
    public let responseTimes: ResponseTimes
    public let churn: AssignmentChurn
    public let tags: TagFrequency
    public let satisfaction: Satisfaction

    public init(store: FactStore) {
        self.store = store
        let views = ConversationView.counted(in: store)
        responseTimes = ResponseTimes(views)
        churn = AssignmentChurn(views)
        tags = TagFrequency(views, store: store)
        satisfaction = Satisfaction(store: store, views: views)
    }

    /// Verified events per day and type, by day then type name.
    public var eventCounts: [(day: String, type: String, count: Int)] {
        store.eventCounts.keys.sorted { ($0.day, $0.type) < ($1.day, $1.type) }.map { key in
            (Timestamp.dayString(key.day), key.type, store.eventCounts[key]!)
        }
    }

    /// The name an agent goes by in the events, else its id.
    public func agentLabel(_ id: Int64) -> String {
        guard id != Fact.none else { return MetricKey.unknown }
        return store.agentNames[id].map { "\($0) (\(id))" } ?? String(id)
    }

    /// The name of a mailbox in the events, else its id.
    public func mailboxLabel(_ id: Int64) -> String {
        guard id != Fact.none else { return MetricKey.unknown }
        return store.mailboxNames[id].map { "\($0) (\(id))" } ?? String(id)
    }
}
