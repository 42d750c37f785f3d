/// How keys read in the reports.
extension MetricKey {
    /// The `scope` column: `all`, `mailbox`, `agent`, `day` or `week`.
    var scopeName: String {
        switch self {
        case .all: return "all"
        case .mailbox: return "mailbox"
        case .agent: return "agent"
        case .day: return "day"
        case .week: return "week"
        }
    }

    /// The `key` column: `all`, an id or `unknown`, a day `2026-10-05`, a week `2026-W41`.
    var text: String {
        switch self {
        case .all: return "all"
        case .mailbox(let id), .agent(let id): return id.map { String($0) } ?? "unknown"
        case .day(let day): return Timestamp.dayString(day)
        case .week(let week): return week.text
        }
    }
}

extension AnalyticsResult {
    /// An agent as people know it: `Name (id)`, else the id; `unknown` for nil.
    func label(agent id: Int64?) -> String {
        guard let id else { return "unknown" }
        return agentNames[id].map { "\($0) (\(id))" } ?? String(id)
    }

    /// A mailbox as people know it: `Name (id)`, else the id; `unknown` for nil.
    func label(mailbox id: Int64?) -> String {
        guard let id else { return "unknown" }
        return mailboxNames[id].map { "\($0) (\(id))" } ?? String(id)
    }
}
