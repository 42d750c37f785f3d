/// Assignment churn per conversation and per agent (section 4 of the spec).
public struct AssignmentChurn: Sendable {
    /// One row of `assignment_churn.csv`.
    public struct ConversationRow: Sendable, Equatable {
        public var conversation: Int64
        public var mailbox: Int64
        public var assignments = 0
        public var bounces = 0
        public var unassignments = 0
        public var finalAssignee = Fact.none
        public var reassignments: Int { max(0, assignments - 1) }
    }

    /// One row of `agent_assignments.csv`.
    public struct AgentRow: Sendable, Equatable {
        public var agent: Int64
        public var assignedIn = 0
        public var handedOff = 0
    }

    public private(set) var conversations: [ConversationRow] = []
    public private(set) var agents: [AgentRow] = []
    private var agentRows: [Int64: AgentRow] = [:]

    init() {}

    /// Walks one conversation's snapshots in order.
    mutating func add(_ view: ConversationView) {
            var row = ConversationRow(conversation: view.id, mailbox: view.mailbox)
            var lastHolder: Int64?
            var current: Int64?
            var held = Set<Int64>()
            for snapshot in view.snapshots {
                let assignee = snapshot.assignee == IdTable.none ? nil : view.agent(snapshot.assignee)
                if let assignee {
                    if assignee != lastHolder {
                        row.assignments += 1
                        if held.contains(assignee) { row.bounces += 1 }
                        agentRows[assignee, default: AgentRow(agent: assignee)].assignedIn += 1
                        if let previous = lastHolder { agentRows[previous, default: AgentRow(agent: previous)].handedOff += 1 }
                        lastHolder = assignee
                        held.insert(assignee)
                    }
                } else if current != nil {
                    row.unassignments += 1
                }
                current = assignee
            }
            row.finalAssignee = current ?? Fact.none
            if row.assignments > 0 || row.unassignments > 0 { conversations.append(row) }
    }

    /// Takes in another part of the conversations, which come after this part's in id order.
    mutating func merge(_ other: AssignmentChurn) {
        conversations += other.conversations
        for (agent, row) in other.agentRows {
            agentRows[agent, default: AgentRow(agent: agent)].assignedIn += row.assignedIn
            agentRows[agent, default: AgentRow(agent: agent)].handedOff += row.handedOff
        }
    }

    mutating func finish() {
        agents = agentRows.keys.sorted().map { agentRows[$0]! }
        agentRows = [:]
    }
}
