import Foundation

/// Every metric of a run, computed once from its facts, one conversation at a time.
public struct Analytics: Sendable {
    public let store: FactStore
    public let responseTimes: ResponseTimes
    public let churn: AssignmentChurn
    public let tags: TagFrequency
    public let satisfaction: Satisfaction

    /// Computes every metric, the conversations split into parts computed in parallel and merged
    /// in id order, so the result is the same for any number of parts.
    /// - Parameter parts: how many; by default four once there are enough conversations to be worth
    ///   it (more parts than cores, so a core that starts late or runs slow does not hold the rest up).
    public init(store: FactStore, parts: Int? = nil) {
        self.store = store
        let ids = store.conversations.keys.sorted()
        let parts = max(1, min(parts ?? (ids.count >= 2000 ? 4 : 1), ids.count))
        let ratings = Satisfaction(store: store)
        let partials = ConcurrentSlots<Partial?>(Array(repeating: nil, count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var partial = Partial(satisfaction: ratings)
            for id in ids[(ids.count * part / parts)..<(ids.count * (part + 1) / parts)] {
                let facts = store.conversations[id]!
                guard !facts.isDeleted else { continue }
                let view = ConversationView(id: id, facts: facts, store: store)
                partial.responseTimes.add(view)
                partial.churn.add(view)
                partial.tags.add(view, tagSets: store.tagSets)
                partial.satisfaction.add(view)
            }
            partials.put(part, partial)
        }
        var total = partials.take(0)!
        for part in 1..<parts {
            let partial = partials.take(part)!
            total.responseTimes.merge(partial.responseTimes)
            total.churn.merge(partial.churn)
            total.tags.merge(partial.tags)
            total.satisfaction.merge(partial.satisfaction)
        }
        total.responseTimes.finish()
        total.churn.finish()
        total.tags.finish()
        total.satisfaction.finish(store: store)
        responseTimes = total.responseTimes
        churn = total.churn
        tags = total.tags
        satisfaction = total.satisfaction
    }

    /// The metrics of one part of the conversations.
    private struct Partial {
        var responseTimes = ResponseTimes()
        var churn = AssignmentChurn()
        var tags = TagFrequency()
        var satisfaction: Satisfaction
    }

    /// Verified events per day and type, by day then type name.
    public var eventCounts: [(day: String, type: String, count: Int)] {
        store.eventCounts.keys.map { ($0, $0.type.name) }.sorted { ($0.0.day, $0.1) < ($1.0.day, $1.1) }.map { key, name in
            (Timestamp.dayString(key.day), name, store.eventCounts[key]!)
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
