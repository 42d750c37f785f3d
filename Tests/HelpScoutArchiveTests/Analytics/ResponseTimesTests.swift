import Testing

@testable import HelpScoutArchive

@Suite struct ResponseTimesTests {
    typealias S = EventScript

    /// 10:00 customer, 10:30 customer again, 11:00 reply by 301, 11:30 reply nobody waited for,
    /// 12:00 customer, 12:10 note, 12:45 reply by 302; closed at 13:00.
    static let threads = [
        S.thread(1, .customerMessage, at: 0), S.thread(2, .customerMessage, at: 30),
        S.thread(3, .agentReply, at: 60, by: 301),
        S.thread(4, .agentReply, at: 90, by: 301), S.thread(5, .customerMessage, at: 120),
        S.thread(6, .note, at: 130, by: 303),
        S.thread(7, .agentReply, at: 165, by: 302),
    ]

    static let events = [
        S.snapshot(.created, at: 0, threads: Array(threads[0...0])),
        // Closed before any reply.
        S.snapshot(.status, at: 45, status: "closed", threads: Array(threads[0...1]), closedAt: 45),
        S.snapshot(.agentReplyCreated, at: 90, threads: Array(threads[0...3])),
        S.snapshot(.agentReplyCreated, at: 165, threads: threads),
        S.snapshot(.status, at: 180, status: "closed", threads: threads, closedAt: 180),
        S.snapshot(.status, at: 240, status: "closed", threads: threads, closedAt: 240),  // resolved once only
    ]

    func row(_ analytics: AnalyticsResult, _ metric: ResponseMetric, _ key: MetricKey) -> DistributionSummary? {
        analytics.responseTimes.first { $0.metric == metric && $0.key == key }?.summary
    }

    @Test func theClockStartsAtTheFirstWaitingMessageAndRepliesNobodyWaitedForAreNotMeasured() throws {
        let analytics = S.analytics(Self.events)
        let all = try #require(row(analytics, .response, .all))
        #expect(all.count == 2)  // 10:00→11:00 and 12:00→12:45
        #expect(all.mean == (3600 + 2700) / 2)
        #expect(all.p50 == 2700 && all.p90 == 3600 && all.p95 == 3600 && all.max == 3600)
        #expect(row(analytics, .response, .agent(301))?.mean == 3600)
        #expect(row(analytics, .response, .agent(302))?.mean == 2700)
        #expect(row(analytics, .response, .mailbox(101))?.count == 2)
        #expect(row(analytics, .response, .day(Timestamp.parse("2026-10-05T00:00:00Z")!.dayNumber))?.count == 2)
    }

    @Test func firstResponseNeedsACreatedEventAndACustomerFirst() throws {
        #expect(row(S.analytics(Self.events), .firstResponse, .all)?.mean == 3600)
        #expect(row(S.analytics(Self.events), .firstResponse, .mailbox(101))?.count == 1)
        // Without convo.created: no first response, though responses are still measured.
        let withoutCreated = S.analytics(Array(Self.events.dropFirst()))
        #expect(row(withoutCreated, .firstResponse, .all) == nil)
        #expect(row(withoutCreated, .response, .all)?.count == 2)
        // An agent who writes first: the conversation has no first response.
        let outbound = S.analytics([
            S.snapshot(
                .created, conversation: 2, at: 20,
                threads: [
                    S.thread(20, .agentReply, at: 0, by: 301), S.thread(21, .customerMessage, at: 10),
                    S.thread(22, .agentReply, at: 20, by: 301),
                ])
        ])
        #expect(row(outbound, .firstResponse, .all) == nil)
        #expect(row(outbound, .response, .all)?.mean == 600)
    }

    @Test func resolutionEndsAtTheFirstCloseAfterAReply() throws {
        let resolution = try #require(row(S.analytics(Self.events), .resolution, .all))
        #expect(resolution.count == 1)
        #expect(resolution.mean == 180 * 60)  // created 10:00, the first close after 11:00 is at 13:00
    }

    @Test func lateAndOutOfOrderDeliveriesGiveTheSameResult() {
        let ordered = S.analytics(Self.events)
        for shuffled in [
            Self.events.reversed(),
            [Self.events[3], Self.events[0], Self.events[5], Self.events[1], Self.events[4], Self.events[2]],
        ] {
            #expect(S.analytics(Array(shuffled)).responseTimes == ordered.responseTimes)
        }
    }

    @Test func aDeletedConversationIsLeftOut() {
        let analytics = S.analytics(Self.events + [S.deletion(1, at: 300)])
        #expect(analytics.responseTimes.isEmpty)
        #expect(analytics.eventCounts.map(\.count).reduce(0, +) == 7)  // its events still count in events.csv
    }

    @Test func onlyScopeAllIsCountedByBucketAndItsBucketsHoldEverySample() {
        let rows = S.analytics(Self.events).responseTimes
        #expect(rows.contains { $0.key == .all } && rows.contains { $0.key != .all })
        for row in rows {
            if row.key == .all {
                #expect(row.summary.bucketCounts.reduce(0, +) == row.summary.count, "\(row.metric)")
            } else {
                #expect(row.summary.bucketCounts.isEmpty, "\(row.metric) \(row.key)")
            }
        }
    }

    @Test func percentilesUseTheNearestRank() throws {
        let values = (1...20).map(Double.init)
        let summary = try #require(DistributionSummary(values.reversed()))
        #expect(
            summary.p50 == 10 && summary.p90 == 18 && summary.p95 == 19 && summary.max == 20 && summary.mean == 10.5)
        #expect(DistributionSummary([7])?.p95 == 7)
        #expect(DistributionSummary([]) == nil)
    }

    /// The mean of 26044.611 s and 16561.138 s is exactly 21302.8745 s, which the floating-point
    /// sum made 21302.87449…, written 21302.874 against the documented halves away from zero (the
    /// independent reference found it).
    @Test func aMeanExactlyOnAHalfRoundsAwayFromZero() throws {
        let summary = try #require(DistributionSummary([26044.611, 16561.138]))
        #expect(decimal(summary.mean, places: 3) == "21302.875")
        #expect(decimal(try #require(DistributionSummary([10.001, 10.002])).mean, places: 3) == "10.002")
        #expect(decimal(try #require(DistributionSummary([-0.001, -0.002])).mean, places: 3) == "-0.002")
    }
}
