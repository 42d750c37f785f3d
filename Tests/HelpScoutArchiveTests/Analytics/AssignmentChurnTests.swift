import Testing

@testable import HelpScoutArchive

@Suite struct AssignmentChurnTests {
    typealias S = EventScript

    /// unassigned, A, B, A (a bounce), unassigned, A (no new assignment), B (a bounce).
    static let events = [
        S.snapshot(.created, at: 0), S.snapshot(.assigned, at: 10, assignee: 301),
        S.snapshot(.assigned, at: 20, assignee: 302),
        S.snapshot(.assigned, at: 30, assignee: 301), S.snapshot(.assigned, at: 40),
        S.snapshot(.assigned, at: 50, assignee: 301),
        S.snapshot(.tags, at: 55, assignee: 301), S.snapshot(.assigned, at: 60, assignee: 302),
    ]

    @Test func bouncesUnassignmentsAndHandOffsByHand() throws {
        let churn = S.analytics(Self.events).churn
        let row = try #require(churn.conversations.first)
        #expect(churn.conversations.count == 1)
        #expect(row.assignments == 4 && row.reassignments == 3 && row.bounces == 2 && row.unassignments == 1)
        #expect(row.finalAssignee == 302 && row.mailbox == 101)
        #expect(
            churn.agents == [
                AgentChurn(agent: 301, assignedIn: 2, handedOff: 2),
                AgentChurn(agent: 302, assignedIn: 2, handedOff: 1),
            ])
    }

    @Test func outOfOrderDeliveriesGiveTheSameChurn() {
        let ordered = S.analytics(Self.events).churn
        let shuffled = S.analytics([7, 2, 0, 5, 1, 6, 3, 4].map { Self.events[$0] }).churn
        #expect(shuffled.conversations == ordered.conversations && shuffled.agents == ordered.agents)
    }

    @Test func aConversationNeverAssignedHasNoRowAndUnassignedAtTheEndHasNoFinalAssignee() throws {
        let analytics = S.analytics([
            S.snapshot(.created, conversation: 5, at: 0),
            S.snapshot(.created, conversation: 6, at: 0, assignee: 303), S.snapshot(.assigned, conversation: 6, at: 5),
        ])
        #expect(analytics.churn.conversations.map(\.conversation) == [6])
        let row = try #require(analytics.churn.conversations.first)
        #expect(row.assignments == 1 && row.reassignments == 0 && row.unassignments == 1 && row.finalAssignee == nil)
        #expect(AnalyticsCSV.assignmentChurn(analytics).hasSuffix("6,101,1,0,0,1,\n"))
    }
}
