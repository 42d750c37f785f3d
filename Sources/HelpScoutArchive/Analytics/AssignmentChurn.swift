/// Assignment churn per conversation and per agent (see docs/metrics.md).
struct AssignmentChurn: ConversationMetric {
    private var conversations: [ConversationChurn] = []
    private var agents: [Int64: AgentChurn] = [:]
    /// The agents who held the conversation being added, while they are few (kept from one
    /// conversation to the next: an array of its own for each cost an allocation).
    private var held: [Int64] = []

    /// The changes counted are those whose event time is in it; earlier ones are still followed.
    private let window: ReportWindow

    init(store: FactStore) { window = store.period }

    /// Walks one conversation's snapshots in order, up to the end of the window.
    mutating func add(_ view: ConversationView) {
        var row = ConversationChurn(conversation: view.id, mailbox: view.mailboxId)
        var lastHolder: Int64?
        var current: Int64?
        // The agents who held it: usually a few, so a list searched in turn, and a set once many.
        held.removeAll(keepingCapacity: true)
        var heldMany: Set<Int64>?
        for snapshot in view.snapshots {
            guard snapshot.time < window.upper else { break }
            let counts = snapshot.time >= window.lower
            let assignee = snapshot.assignee == IdTable.none ? nil : view.agent(snapshot.assignee)
            if let assignee {
                if assignee != lastHolder {
                    if counts {
                        row.assignments += 1
                        if lastHolder != nil { row.reassignments += 1 }
                        if heldMany?.contains(assignee) ?? held.contains(assignee) { row.bounces += 1 }
                        agents.change(assignee, orAdd: AgentChurn(agent: assignee)) { $0.assignedIn += 1 }
                        if let previous = lastHolder {
                            agents.change(previous, orAdd: AgentChurn(agent: previous)) { $0.handedOff += 1 }
                        }
                    }
                    lastHolder = assignee
                    if heldMany != nil {
                        heldMany!.insert(assignee)
                    } else if !held.contains(assignee) {
                        held.append(assignee)
                        if held.count > 16 { heldMany = Set(held) }
                    }
                }
            } else if current != nil && counts {
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
            agents.change(agent, orAdd: AgentChurn(agent: agent)) {
                $0.assignedIn += row.assignedIn
                $0.handedOff += row.handedOff
            }
        }
    }

    consuming func rows(store: FactStore) -> ChurnRows {
        // Parts usually come in id order, which the sort then only checks.
        conversations.sort { $0.conversation < $1.conversation }
        return ChurnRows(conversations: conversations, agents: agents.keys.sorted().map { agents[$0]! })
    }
}
