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
    package var reassignments: Int { max(0, assignments - 1) }
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

/// Assignment churn per conversation and per agent (see docs/metrics.md).
struct AssignmentChurn: ConversationMetric {
    private var conversations: [ConversationChurn] = []
    private var agents: [Int64: AgentChurn] = [:]

    init(store: FactStore) {}

    /// Walks one conversation's snapshots in order.
    mutating func add(_ view: ConversationView) {
        var row = ConversationChurn(conversation: view.id, mailbox: view.mailbox == Fact.none ? nil : view.mailbox)
        var lastHolder: Int64?
        var current: Int64?
        var held = Set<Int64>()
        for snapshot in view.snapshots {
            let assignee = snapshot.assignee == IdTable.none ? nil : view.agent(snapshot.assignee)
            if let assignee {
                if assignee != lastHolder {
                    row.assignments += 1
                    if held.contains(assignee) { row.bounces += 1 }
                    agents[assignee, default: AgentChurn(agent: assignee)].assignedIn += 1
                    if let previous = lastHolder {
                        agents[previous, default: AgentChurn(agent: previous)].handedOff += 1
                    }
                    lastHolder = assignee
                    held.insert(assignee)
                }
            } else if current != nil {
                row.unassignments += 1
            }
            current = assignee
        }
        row.finalAssignee = current
        if row.assignments > 0 || row.unassignments > 0 { conversations.append(row) }
    }

    mutating func merge(_ other: AssignmentChurn) {
        conversations += other.conversations
        for (agent, row) in other.agents {
            agents[agent, default: AgentChurn(agent: agent)].assignedIn += row.assignedIn
            agents[agent, default: AgentChurn(agent: agent)].handedOff += row.handedOff
        }
    }

    consuming func rows(store: FactStore) -> ChurnRows {
        // Parts usually come in id order, which the sort then only checks.
        conversations.sort { $0.conversation < $1.conversation }
        return ChurnRows(conversations: conversations, agents: agents.keys.sorted().map { agents[$0]! })
    }
}
