/// What one row of a metric is about: every conversation, one mailbox, one agent, one UTC day or
/// one ISO week. A nil id is a mailbox or agent the events do not name (`unknown` in the reports).
package enum MetricKey: Hashable, Sendable {
    case all
    case mailbox(Int64?)
    case agent(Int64?)
    /// Whole days since 1970-01-01 in UTC.
    case day(Int)
    case week(ISOWeek)

    /// What a key is about, without its id, day or week: the `scope` column of the reports.
    package enum Scope: String, Sendable {
        case all, mailbox, agent, day, week
    }

    package var scope: Scope {
        switch self {
        case .all: return .all
        case .mailbox: return .mailbox
        case .agent: return .agent
        case .day: return .day
        case .week: return .week
        }
    }

    /// The key of an id kept in a fact, where `Fact.none` marks an unknown one.
    static func mailbox(fact id: Int64) -> MetricKey { .mailbox(id == Fact.none ? nil : id) }
    static func agent(fact id: Int64) -> MetricKey { .agent(id == Fact.none ? nil : id) }

    /// Orders the keys of one scope: ids, days and weeks by value, unknown ids last.
    static func precedes(_ a: MetricKey, _ b: MetricKey) -> Bool { a.orderInScope < b.orderInScope }

    private var orderInScope: (Int, Int64) {
        switch self {
        case .all: return (0, 0)
        case .mailbox(let id), .agent(let id): return id.map { (0, $0) } ?? (1, 0)
        case .day(let day): return (0, Int64(day))
        case .week(let week): return (0, Int64(week.year) * 100 + Int64(week.week))
        }
    }
}
