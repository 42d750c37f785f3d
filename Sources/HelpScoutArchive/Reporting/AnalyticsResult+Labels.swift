extension AnalyticsResult {
    /// An agent as people know it: `Name (id)`, else the id; `unknown` for nil. A name longer than
    /// `nameLimit` is cut at a word, the id kept, so two agents are always told apart.
    func label(agent id: Int64?, nameLimit: Int = 40) -> String {
        guard let id else { return "unknown" }
        return agentNames[id].map { "\($0.cutAtWord(limit: nameLimit)) (\(id))" } ?? String(id)
    }

    /// A mailbox as people know it: `Name (id)`, else the id; `unknown` for nil; cut like an agent's.
    func label(mailbox id: Int64?, nameLimit: Int = 40) -> String {
        guard let id else { return "unknown" }
        return mailboxNames[id].map { "\($0.cutAtWord(limit: nameLimit)) (\(id))" } ?? String(id)
    }
}
