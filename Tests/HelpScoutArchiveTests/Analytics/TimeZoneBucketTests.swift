import Testing

@testable import HelpScoutArchive

/// Days and weeks in a zone west of UTC, computed by hand. Times are minutes after
/// 2026-10-05T10:00:00Z; New York is then UTC-4.
@Suite struct TimeZoneBucketTests {
    typealias S = EventScript
    let newYork = ReportTimeZone(identifier: "America/New_York")!

    /// 10:00 + 840 min = 2026-10-06T00:00Z, which is 20:00 on October 5 in New York; + 1080 min is
    /// 04:00Z, 00:00 on October 6 there.
    @Test func eventsAndResponsesCountOnTheZonesDay() {
        let events = [
            S.snapshot(.created, conversation: 1, at: 0, threads: [S.thread(1, .customerMessage, at: 0)]),
            S.snapshot(
                .agentReplyCreated, conversation: 1, at: 840,
                threads: [S.thread(1, .customerMessage, at: 0), S.thread(2, .agentReply, at: 840, by: 301)]),
            S.snapshot(.status, conversation: 1, at: 1080),
        ]
        let utc = S.analytics(events)
        let local = S.analytics(events, timeZone: newYork)
        #expect(utc.eventCounts.map { Timestamp.dayString($0.day) } == ["2026-10-05", "2026-10-06", "2026-10-06"])
        #expect(local.eventCounts.map { Timestamp.dayString($0.day) } == ["2026-10-05", "2026-10-05", "2026-10-06"])
        func replyDays(_ result: AnalyticsResult) -> [String] {
            result.responseTimes.compactMap { row in
                if case .day(let day) = row.key, row.metric == .response { return Timestamp.dayString(day) }
                return nil
            }
        }
        #expect(replyDays(utc) == ["2026-10-06"])
        #expect(replyDays(local) == ["2026-10-05"])
        let report = MarkdownReport(summary: RunSummary(), analytics: local, audit: AuditExcerpt()).render()
        #expect(
            report.contains(
                "**Period:** 2026-10-05 to 2026-10-06 (2 days, America/New_York; first event 2026-10-05T06:00:00-04:00, last 2026-10-06T00:00:00-04:00)"
            ), "\(report.prefix(300))")
    }

    /// Sunday 2026-10-11 22:00 in New York is Monday 02:00 UTC: the rating is in ISO week 41 there,
    /// week 42 in UTC.
    @Test func ratingsCountInTheZonesWeek() {
        let sundayNight = 6 * 1440 + 16 * 60  // 2026-10-12T02:00:00Z
        let rating = S.rating(1, conversation: 9, .great, at: sundayNight, agent: 301, mailbox: 101)
        func weeks(_ result: AnalyticsResult) -> [String] {
            result.satisfaction.compactMap { row in
                if case .week(let week) = row.key { return week.text }
                return nil
            }
        }
        #expect(weeks(S.analytics([rating])) == ["2026-W42"])
        #expect(weeks(S.analytics([rating], timeZone: newYork)) == ["2026-W41"])
    }
}
