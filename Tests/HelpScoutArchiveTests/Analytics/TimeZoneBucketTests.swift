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

    /// New York leaves daylight saving time at 02:00 on 2026-11-01: 05:30Z and 06:30Z are both
    /// 01:30 there; 04:30Z on November 2 is 23:30 on November 1, and 05:30Z is 00:30 on November 2.
    /// The series counts each thread on its day there (it keeps the day it counted last with that
    /// day's instants, which the clock change splits).
    @Test func seriesCountsThreadsOnTheZonesDaysAcrossTheClockChange() {
        let start = 38_610  // 2026-11-01T05:30:00Z
        let threads = [
            S.thread(1, .customerMessage, at: start), S.thread(2, .agentReply, at: start + 60, by: 301),
            S.thread(3, .customerMessage, at: start + 1380), S.thread(4, .agentReply, at: start + 1440, by: 301),
        ]
        let events = [
            S.snapshot(.created, at: start, threads: [threads[0]], createdAt: start),
            S.snapshot(.agentReplyCreated, at: start + 1440, threads: threads, createdAt: start),
        ]
        func days(_ result: AnalyticsResult) -> [String] {
            result.series.map { point in
                "\(Timestamp.dayString(point.bucket.firstDay)) new \(point.newConversations) messages "
                    + "\(point.customerMessages) replies \(point.repliesSent) responses \(point.response?.count ?? 0)"
            }
        }
        #expect(
            days(S.analytics(events, timeZone: newYork)) == [
                "2026-11-01 new 1 messages 2 replies 1 responses 1",
                "2026-11-02 new 0 messages 0 replies 1 responses 1",
            ])
        #expect(
            days(S.analytics(events)) == [
                "2026-11-01 new 1 messages 1 replies 1 responses 1",
                "2026-11-02 new 0 messages 1 replies 1 responses 1",
            ])
    }

    /// New York moves to daylight saving time at 07:00Z on 2026-03-08, so March 8 there ends at
    /// 04:00Z on March 9: a thread at 06:30Z on March 8 (01:30) and one at 04:30Z on March 9 (00:30
    /// on March 9) fall on two days, though less than a day apart at the first one's offset.
    @Test func seriesCountsThreadsOnTheZonesDaysAcrossTheSpringClockChange() {
        let start = -304_050  // 2026-03-08T06:30:00Z
        let threads = [S.thread(1, .customerMessage, at: start), S.thread(2, .agentReply, at: start + 1320, by: 301)]
        let events = [
            S.snapshot(.created, at: start, threads: [threads[0]], createdAt: start),
            S.snapshot(.agentReplyCreated, at: start + 1320, threads: threads, createdAt: start),
        ]
        let days = S.analytics(events, timeZone: newYork).series.map { point in
            "\(Timestamp.dayString(point.bucket.firstDay)) messages \(point.customerMessages) replies \(point.repliesSent)"
        }
        #expect(days == ["2026-03-08 messages 1 replies 0", "2026-03-09 messages 0 replies 1"])
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

    /// A customer writes on Friday 2026-10-09 at 16:00 in New York (20:00Z, minute 6360) and the
    /// agent replies on Monday 2026-10-12 at 10:00 (14:00Z, minute 10320); the conversation closes
    /// that Monday at 16:30 (20:30Z, minute 10710). It was created on Monday 2026-10-05 at 06:00
    /// there (minute 0). Office hours Mon-Fri 09:00-17:00: the response took 2 office hours of its
    /// 66 hours; the resolution 47.5 (8 on each weekday of the first week, 7.5 on the last Monday).
    @Test func officeTimeRowsFollowTheWallClockOnes() throws {
        let office = try OfficeHours(parsing: "Mon-Fri 09:00-17:00")
        let created = 6360, replied = 10_320, closed = 10_710
        let threads = [S.thread(1, .customerMessage, at: created), S.thread(2, .agentReply, at: replied, by: 301)]
        let events = [
            S.snapshot(.created, conversation: 1, at: created, threads: [threads[0]]),
            S.snapshot(.agentReplyCreated, conversation: 1, at: replied, threads: threads),
            S.snapshot(.status, conversation: 1, at: closed, status: "closed", threads: threads, closedAt: closed),
        ]
        func seconds(_ result: AnalyticsResult, _ metric: ResponseMetric) -> Double? {
            result.responseTimes.first { $0.metric == metric && $0.key == .all }?.summary.max
        }
        let plain = S.analytics(events, timeZone: newYork)
        #expect(seconds(plain, .response) == 66 * 3600 && seconds(plain, .responseOffice) == nil)
        let result = S.analytics(events, timeZone: newYork, officeHours: office)
        #expect(seconds(result, .response) == 66.0 * 3600)
        #expect(seconds(result, .responseOffice) == 2.0 * 3600)
        #expect(seconds(result, .firstResponseOffice) == 2.0 * 3600)
        #expect(seconds(result, .resolutionOffice) == 47.5 * 3600)
        // The office rows come after every wall-clock row, with the same scopes.
        let metrics = result.responseTimes.map(\.metric)
        #expect(metrics.lastIndex(of: .resolution)! < metrics.firstIndex(of: .responseOffice)!)
        #expect(
            result.responseTimes.filter { $0.metric == .responseOffice }.map(\.key.scope)
                == result.responseTimes.filter { $0.metric == .response }.map(\.key.scope))
    }

    /// A conversation created on Monday 2026-10-05 at 10:00Z (06:00 in New York) and customer
    /// messages at minutes 0 and 990 (2026-10-06T02:30Z: Monday 22:30 in New York, Tuesday 02:00 in
    /// UTC) land in those hours of the zone's week.
    @Test func busiestHoursAreTheZonesWeekdaysAndHours() {
        let threads = [S.thread(1, .customerMessage, at: 0), S.thread(2, .customerMessage, at: 990)]
        let events = [
            S.snapshot(.created, conversation: 1, at: 0, threads: [threads[0]]),
            S.snapshot(.customerReplyCreated, conversation: 1, at: 990, threads: threads),
        ]
        func busy(_ result: AnalyticsResult) -> [String] {
            result.busiestHours.filter { $0.customerMessages + $0.newConversations > 0 }.map {
                "\($0.weekday) \($0.hour) \($0.newConversations) \($0.customerMessages)"
            }
        }
        #expect(busy(S.analytics(events, timeZone: newYork)) == ["0 6 1 1", "0 22 0 1"])
        #expect(busy(S.analytics(events)) == ["0 10 1 1", "1 2 0 1"])
        #expect(S.analytics(events).busiestHours.count == 168)
    }
}
