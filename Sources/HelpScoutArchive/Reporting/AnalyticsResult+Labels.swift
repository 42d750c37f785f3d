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
