import Testing

@testable import HelpScoutArchive

@Suite struct SatisfactionTests {
    typealias S = EventScript

    static let conversation = S.snapshot(
        .agentReplyCreated, at: 60,
        threads: [
            S.thread(1, .customerMessage, at: 0), S.thread(2, .agentReply, at: 30, by: 301),
            S.thread(3, .agentReply, at: 60, by: 302),
        ])

    func row(_ analytics: AnalyticsResult, _ key: MetricKey) -> SatisfactionRow? {
        analytics.satisfaction.first { $0.key == key }
    }

    @Test func theLatestVersionOfARatingCounts() throws {
        let analytics = S.analytics([
            Self.conversation,
            S.rating(9, .great, at: 70, agent: 302),
            S.rating(9, .notGood, at: 90, agent: 302),  // re-rated
            S.rating(9, .okay, at: 80, agent: 302),  // an older version arriving late
        ])
        let all = try #require(row(analytics, .all))
        #expect(all.ratings == 1 && all.notGood == 1 && all.great == 0)
        #expect(all.csatPercent == 0 && all.happiness == -100)
        #expect(AnalyticsCSV.csat(analytics).contains("all,all,1,0,0,1,0.00,-100.00\n"))
    }

    @Test func attributionFallsBackToTheLastReplyAndTheConversationsMailbox() throws {
        let analytics = S.analytics([
            Self.conversation,
            S.rating(1, .great, at: 45),  // last reply before it: 301 at 10:30
            S.rating(2, .okay, at: 70, mailbox: 102),  // last reply: 302; its own mailbox
            S.rating(3, .unknown, at: 75),  // not counted
            S.rating(nil, conversation: 4, .great, at: 80),  // no replies known: unknown agent and mailbox
        ])
        #expect(row(analytics, .agent(301))?.great == 1)
        #expect(row(analytics, .agent(302))?.okay == 1)
        #expect(row(analytics, .agent(nil))?.great == 1)
        #expect(row(analytics, .mailbox(101))?.ratings == 1)
        #expect(row(analytics, .mailbox(102))?.ratings == 1)
        #expect(row(analytics, .mailbox(nil))?.ratings == 1)
        #expect(row(analytics, .week(ISOWeek(year: 2026, week: 41)))?.ratings == 3)
        let all = try #require(row(analytics, .all))
        #expect(
            all.ratings == 3 && (all.csatPercent * 100).rounded() == 6667 && (all.happiness * 100).rounded() == 6667)
    }

    @Test func ratingsOfDeletedConversationsAreLeftOut() {
        let analytics = S.analytics([Self.conversation, S.rating(1, .great, at: 70), S.deletion(1, at: 100)])
        #expect(analytics.satisfaction.isEmpty)
    }

    /// A v1 rating names no agent but the rated reply (`threadId`): it goes to that reply's author,
    /// not to whoever replied last; with an unknown thread, to the last reply's author as before.
    @Test func aRatingWithoutAnAgentGoesToTheAuthorOfTheRatedReply() {
        let threads = [
            S.thread(1, .customerMessage, at: 0), S.thread(2, .agentReply, at: 10, by: 302),
            S.thread(3, .customerMessage, at: 20), S.thread(4, .agentReply, at: 30, by: 301),
        ]
        func rating(_ id: Int64, thread: Int64?) -> DecodedEvent {
            DecodedEvent(
                type: .satisfactionRatings, time: S.at(60),
                payload: .rating(
                    RatingRecord(id: id, threadId: thread, conversationId: 1, score: .great, agent: nil, mailboxId: 101)
                ),
                isEnvelope: false)
        }
        let events = [S.snapshot(.agentReplyCreated, conversation: 1, at: 30, threads: threads)]
        func agents(_ rated: DecodedEvent) -> [MetricKey] {
            S.analytics(events + [rated]).satisfaction.map(\.key).filter { $0.scope == .agent }
        }
        #expect(agents(rating(1, thread: 2)) == [.agent(302)])
        #expect(agents(rating(2, thread: 99)) == [.agent(301)])
        #expect(agents(rating(3, thread: nil)) == [.agent(301)])
    }
}
