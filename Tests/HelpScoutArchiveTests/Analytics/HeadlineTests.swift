import Testing

@testable import HelpScoutArchive

/// The headline measures of a window and the one before, computed by hand. Times are minutes after
/// 2026-10-05T10:00:00Z; the report's window is [1440, 2880) and the one before [0, 1440).
@Suite struct HeadlineTests {
    typealias S = EventScript

    /// A conversation's events: created with its first thread, a snapshot for each further thread
    /// (each with the threads so far), then closed if `closed` is given.
    static func conversation(
        _ id: Int64, createdAt: Int, customer: Int64, threads: [(ThreadRecord.Kind, Int)], closed: Int? = nil
    ) -> [DecodedEvent] {
        let records = threads.enumerated().map { index, thread in
            S.thread(id * 100 + Int64(index), thread.0, at: thread.1, by: thread.0 == .agentReply ? 301 : nil)
        }
        var events = [
            S.snapshot(
                .created, conversation: id, at: createdAt, threads: Array(records.prefix(1)), createdAt: createdAt,
                customer: customer)
        ]
        for count in records.indices.dropFirst() {
            events.append(
                S.snapshot(
                    records[count].kind == .agentReply ? .agentReplyCreated : .customerReplyCreated, conversation: id,
                    at: threads[count].1, threads: Array(records.prefix(count + 1)), createdAt: createdAt,
                    customer: customer))
        }
        if let closed {
            events.append(
                S.snapshot(
                    .status, conversation: id, at: closed, status: "closed", threads: records, closedAt: closed,
                    createdAt: createdAt, customer: customer))
        }
        return events
    }

    /// In the window: conversation 1 (customer 11) is new, answered in 60 min and resolved with that
    /// one reply at 1600; conversation 2 (customer 12), created before, is answered again in 120 min
    /// and resolved at 1700 with its second reply; conversation 3 (customer 11 again) is new and
    /// unanswered. Before it: conversation 2 is new and answered in 100 min; conversation 4
    /// (customer 13) is new, answered in 100 min and resolved at 500 with one reply. Conversation 5
    /// is the archives' earliest event, before both windows.
    static let events: [DecodedEvent] =
        conversation(
            1, createdAt: 1500, customer: 11, threads: [(.customerMessage, 1500), (.agentReply, 1560)], closed: 1600)
        + conversation(
            2, createdAt: 100, customer: 12,
            threads: [(.customerMessage, 100), (.agentReply, 200), (.customerMessage, 1500), (.agentReply, 1620)],
            closed: 1700)
        + conversation(3, createdAt: 1700, customer: 11, threads: [(.customerMessage, 1700)])
        + conversation(
            4, createdAt: 300, customer: 13, threads: [(.customerMessage, 300), (.agentReply, 400)], closed: 500)
        + [
            S.rating(1, conversation: 1, .great, at: 1650), S.rating(2, conversation: 2, .notGood, at: 1700),
            S.rating(3, conversation: 4, .okay, at: 600),
        ]
    static let earliest = S.snapshot(.status, conversation: 5, at: -10, createdAt: -10, customer: 14)

    func rows(_ result: AnalyticsResult) -> [HeadlineMeasure: HeadlineRow] {
        Dictionary(uniqueKeysWithValues: result.headline.map { ($0.measure, $0) })
    }

    @Test func theWindowIsComparedWithTheOneBefore() {
        let result = S.analytics([Self.earliest] + Self.events, window: S.window(1440, 2880))
        #expect(result.comparison == .compared(with: S.window(0, 1440)))
        let rows = rows(result)
        let expected: [(HeadlineMeasure, Double?, Double?, Double?)] = [
            (.newConversations, 2, 2, 0), (.customersHelped, 2, 2, 0), (.customerMessages, 3, 2, 50),
            (.repliesSent, 2, 2, 0), (.resolved, 2, 1, 100), (.resolvedOnFirstReplyPercent, 50, 100, -50),
            (.repliesToResolve, 1.5, 1, 50), (.firstResponseMedian, 3600, 6000, -40),
            (.firstResponseP90, 3600, 6000, -40), (.responseMedian, 3600, 6000, -40),
            (.resolutionMedian, 6000, 12_000, -50), (.ratings, 2, 1, 100), (.csatPercent, 50, 0, nil),
            (.happiness, 0, 0, nil),
        ]
        #expect(result.headline.map(\.measure) == expected.map(\.0))
        for (measure, current, previous, change) in expected {
            let row = rows[measure]
            #expect(row?.current == current, "\(measure)")
            #expect(row?.previous == previous, "\(measure)")
            #expect(row?.changePercent == change, "\(measure)")
        }
        let csv = AnalyticsCSV.headline(result)
        #expect(csv.hasPrefix("measure,current,previous,change_pct\nnew_conversations,2,2,0.00\n"), "\(csv)")
        #expect(csv.contains("\nfirst_response_p50_s,3600.000,6000.000,-40.00\n"), "\(csv)")
        #expect(csv.contains("\ncsat_pct,50.00,0.00,\n"), "\(csv)")
    }

    /// Without an event before the window before, its figures could be partial: none is given, and
    /// report.md says why.
    @Test func aPreviousWindowTheArchivesDoNotReachIsLeftEmpty() {
        let result = S.analytics(Self.events, window: S.window(1440, 2880))
        #expect(result.comparison == .archivesStartLater(previous: S.window(0, 1440), firstEvent: S.at(100)))
        #expect(result.headline.allSatisfy { $0.previous == nil && $0.changePercent == nil })
        #expect(rows(result)[.newConversations]?.current == 2)
        #expect(AnalyticsCSV.headline(result).contains("\nnew_conversations,2,,\n"))
        let report = MarkdownReport(summary: RunSummary(), analytics: result, audit: AuditExcerpt()).render()
        #expect(
            report.contains(
                "> Not compared with the period of the same length before, from 2026-10-05T10:00:00Z until 2026-10-06T10:00:00Z: the archives read begin at 2026-10-05T11:40:00Z, so its figures could be partial."
            ), "\(report.prefix(800))")
    }

    /// Without both bounds the headline covers every event and compares nothing.
    @Test func withoutAWindowTheHeadlineCoversEveryEvent() {
        let result = S.analytics([Self.earliest] + Self.events)
        #expect(result.comparison == .noWindow)
        let rows = rows(result)
        #expect(rows[.newConversations]?.current == 5 && rows[.resolved]?.current == 3)
        #expect(rows[.customersHelped]?.current == 3 && rows[.ratings]?.current == 3)
        #expect(result.headline.allSatisfy { $0.previous == nil })
        let since = S.analytics([Self.earliest] + Self.events, window: ReportWindow(start: S.at(1440), end: nil))
        #expect(since.comparison == .noWindow && self.rows(since)[.newConversations]?.current == 2)
    }

    /// A conversation created before the archives begin, whose only archived event (minute 1500)
    /// carries its old message and reply with a new message: without a period, the headline counted
    /// it as new and its old reply as sent. Only the new message is in the period.
    @Test func threadsFromBeforeTheArchivesAreNotInThePeriod() {
        let old = Self.conversation(
            6, createdAt: -600, customer: 16,
            threads: [(.customerMessage, -600), (.agentReply, -500), (.customerMessage, 1500)]
        ).last!
        let rows = rows(S.analytics([old, S.snapshot(.status, conversation: 7, at: 1600)]))
        #expect(rows[.newConversations]?.current == 0 && rows[.repliesSent]?.current == 0)
        #expect(rows[.customerMessages]?.current == 1 && rows[.customersHelped]?.current == 0)
        #expect(rows[.responseMedian]?.current == nil)
    }

    /// With one bound the headline covers the period and says how to compare it.
    @Test func oneBoundCoversThePeriodWithoutComparing() {
        let result = S.analytics([Self.earliest] + Self.events, window: ReportWindow(start: S.at(1440), end: nil))
        let report = MarkdownReport(summary: RunSummary(), analytics: result, audit: AuditExcerpt()).render()
        #expect(report.contains("Over the period asked for. Give both `--since` and `--until` to compare it"))
        #expect(!report.contains("Over every verified event"))
    }

    /// Office-time measures come only with office hours, after the wall-clock times.
    @Test func officeTimeMeasuresComeWithOfficeHours() throws {
        let office = try OfficeHours(parsing: "Mon-Sun 00:00-24:00")
        let result = S.analytics(Self.events, officeHours: office)
        let measures = result.headline.map(\.measure)
        #expect(measures.filter(\.isOfficeTime).count == 4)
        #expect(measures.firstIndex(of: .firstResponseOfficeMedian)! > measures.firstIndex(of: .resolutionMedian)!)
        // Open all week, office time is wall-clock time.
        let rows = rows(result)
        #expect(rows[.responseOfficeMedian]?.current == rows[.responseMedian]?.current)
        #expect(!S.analytics(Self.events).headline.contains { $0.measure.isOfficeTime })
    }
}
