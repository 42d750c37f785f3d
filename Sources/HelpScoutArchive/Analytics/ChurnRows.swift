/// How one conversation's assignee changed: a row of `assignment_churn.csv`.
package struct ConversationChurn: Sendable, Equatable {
    package var conversation: Int64
    /// The conversation's mailbox; nil when no event names one.
    package var mailbox: Int64?
    package var assignments = 0
    package var bounces = 0
    package var unassignments = 0
    /// The agent assigned at the end; nil when it ends unassigned.
    package var finalAssignee: Int64?
    /// Assignments that took the conversation from another agent: all but the first, or with a
    /// period, every one in it after an agent held the conversation (before the period too).
    package var reassignments = 0
}

/// How often one agent was assigned and handed a conversation on: a row of `agent_assignments.csv`.
package struct AgentChurn: Sendable, Equatable {
    package var agent: Int64
    package var assignedIn = 0
    package var handedOff = 0
}

/// The rows of assignment churn: conversations with an assignment or unassignment, and agents, by id.
package struct ChurnRows: Sendable, Equatable {
    package var conversations: [ConversationChurn] = []
    package var agents: [AgentChurn] = []
}
