import Testing

@testable import HelpScoutArchive

/// What belongs to a window (`report --since --until`), computed by hand. Times are minutes after
/// 2026-10-05T10:00:00Z; the window is [600, 1200), and events outside it are context.
@Suite struct ReportWindowTests {
    typealias S = EventScript
    let window = S.window(600, 1200)

    /// Conversation 1: a customer writes at 500, before the window; the reply at 660 is in it, so the
    /// 160-minute wait is measured, and it is the first response. Its second wait ends at 1300,
    /// after the window. Conversation 2 is answered before the window but resolved in it (created
    /// at 0, closed at 800); conversation 3 is resolved after it.
    @Test func responsesThatStartedBeforeTheWindowCountInIt() {
        let c1 = [
            S.thread(1, .customerMessage, at: 500), S.thread(2, .agentReply, at: 660, by: 301),
            S.thread(3, .customerMessage, at: 700), S.thread(4, .agentReply, at: 1300, by: 301),
        ]
        let c2 = [S.thread(5, .customerMessage, at: 100), S.thread(6, .agentReply, at: 200, by: 302)]
        let c3 = [S.thread(7, .customerMessage, at: 0), S.thread(8, .agentReply, at: 100, by: 302)]
        let events = [
            S.snapshot(.created, conversation: 1, at: 500, threads: [c1[0]]),
            S.snapshot(.agentReplyCreated, conversation: 1, at: 660, threads: Array(c1[0...1])),
            S.snapshot(.customerReplyCreated, conversation: 1, at: 700, threads: Array(c1[0...2])),
            S.snapshot(.agentReplyCreated, conversation: 1, at: 1300, threads: c1),
            S.snapshot(.created, conversation: 2, at: 100, threads: [c2[0]]),
            S.snapshot(.agentReplyCreated, conversation: 2, at: 200, threads: c2),
            S.snapshot(.status, conversation: 2, at: 800, status: "closed", threads: c2, closedAt: 800),
            S.snapshot(.created, conversation: 3, at: 0, threads: [c3[0]]),
            S.snapshot(.agentReplyCreated, conversation: 3, at: 100, threads: c3),
            S.snapshot(.status, conversation: 3, at: 1250, status: "closed", threads: c3, closedAt: 1250),
        ]
        func all(_ result: AnalyticsResult, _ metric: ResponseMetric) -> DistributionSummary? {
            result.responseTimes.first { $0.metric == metric && $0.key == .all }?.summary
        }
        let result = S.analytics(events, window: window)
        #expect(all(result, .response)?.count == 1 && all(result, .response)?.max == 160.0 * 60)
        #expect(all(result, .firstResponse)?.count == 1 && all(result, .firstResponse)?.max == 160.0 * 60)
        #expect(all(result, .resolution)?.count == 1 && all(result, .resolution)?.max == 800.0 * 60)
        // Unbounded, every wait and resolution counts.
        let whole = S.analytics(events)
        #expect(all(whole, .response)?.count == 4 && all(whole, .resolution)?.count == 2)
    }

    /// A rating counts in the window of its latest version: rating 1 was great before the window and
    /// bad in it; rating 2 was great in it but okay after; rating 3 is great in it.
    @Test func ratingsCountByTheirLatestVersion() {
        let events = [
            S.rating(1, conversation: 9, .great, at: 100, agent: 301, mailbox: 101),
            S.rating(1, conversation: 9, .notGood, at: 700, agent: 301, mailbox: 101),
            S.rating(2, conversation: 9, .great, at: 700, agent: 301, mailbox: 101),
            S.rating(2, conversation: 9, .okay, at: 1300, agent: 301, mailbox: 101),
            S.rating(3, conversation: 8, .great, at: 800, agent: 302, mailbox: 101),
        ]
        let all = S.analytics(events, window: window).satisfaction.first { $0.key == .all }
        #expect(all?.great == 1 && all?.notGood == 1 && all?.okay == 0)
    }

    /// Conversation 1 is assigned to 301 before the window, then 302 (700), 301 again (800, a
    /// bounce), unassigned (900), and 303 after it (1300): two reassignments in the window, each a
    /// hand-off. Conversation 2 changes only before it.
    @Test func assignmentChangesCountByEventTime() {
        let events = [
            S.snapshot(.assigned, conversation: 1, at: 0, assignee: 301),
            S.snapshot(.assigned, conversation: 1, at: 700, assignee: 302),
            S.snapshot(.assigned, conversation: 1, at: 800, assignee: 301),
            S.snapshot(.assigned, conversation: 1, at: 900, assignee: nil),
            S.snapshot(.assigned, conversation: 1, at: 1300, assignee: 303),
            S.snapshot(.assigned, conversation: 2, at: 100, assignee: 301),
        ]
        let churn = S.analytics(events, window: window).churn
        #expect(churn.conversations.count == 1)
        let row = churn.conversations.first
        #expect(row?.conversation == 1 && row?.assignments == 2 && row?.bounces == 1 && row?.unassignments == 1)
        #expect(row?.reassignments == 2)
        #expect(row != nil && row?.finalAssignee == nil)
        #expect(churn.agents.map(\.agent) == [301, 302])
        #expect(churn.agents.map(\.assignedIn) == [1, 1] && churn.agents.map(\.handedOff) == [1, 1])
    }

    /// Conversation 1's tags go [x] (0), [x, y] (700), [y] (800), [z] (1300): in the window y is added
    /// and x removed, and both were held at a snapshot in it; z only after. Conversation 2 holds w
    /// from before the window with no snapshot in it.
    @Test func tagsCountTheirChangesAndHoldersInTheWindow() {
        let events = [
            S.snapshot(.tags, conversation: 1, at: 0, tags: ["x"]),
            S.snapshot(.tags, conversation: 1, at: 700, tags: ["x", "y"]),
            S.snapshot(.tags, conversation: 1, at: 800, tags: ["y"]),
            S.snapshot(.tags, conversation: 1, at: 1300, tags: ["z"]),
            S.snapshot(.tags, conversation: 2, at: 100, tags: ["w"]),
        ]
        let tags = S.analytics(events, window: window).tags
        #expect(tags.map(\.tag) == ["x", "y"])
        #expect(tags.map(\.conversations) == [1, 1])
        #expect(tags.map(\.added) == [0, 1] && tags.map(\.removed) == [1, 0])
        // Unbounded, a tag's conversations are those that end with it.
        let whole = S.analytics(events).tags
        #expect(whole.map(\.tag) == ["w", "z", "x", "y"] && whole.map(\.conversations) == [1, 1, 0, 0])
    }

    /// Events are counted by day in the window only; the period's days are the window's.
    @Test func eventsAndDaysAreTheWindows() {
        let events = [
            S.snapshot(.status, conversation: 1, at: 500), S.snapshot(.status, conversation: 1, at: 700),
            S.snapshot(.status, conversation: 1, at: 1300),
        ]
        // 20:00 on October 5 until 06:00 on October 6.
        let result = S.analytics(events, window: S.window(600, 1200))
        #expect(result.eventCounts.map(\.count) == [1])
        #expect(result.periodDays.map { $0.map(Timestamp.dayString) } == ["2026-10-05", "2026-10-06"])
        #expect(result.firstEventTime == S.at(500) && result.lastEventTime == S.at(1300))
        let since = S.analytics(events, window: ReportWindow(start: S.at(1400), end: nil))
        #expect(since.periodDays == nil && since.eventCounts.isEmpty)
    }
}
