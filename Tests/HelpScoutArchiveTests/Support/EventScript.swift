@testable import HelpScoutArchive

/// Hand-built events for the metric tests: times are minutes after 2026-10-05T10:00:00Z.
enum EventScript {
    static let base = Timestamp.parse("2026-10-05T10:00:00Z")!.milliseconds

    static func at(_ minutes: Int) -> Timestamp { Timestamp(milliseconds: base + Int64(minutes) * 60_000) }

    /// The window from minute `start` until minute `end`.
    static func window(_ start: Int, _ end: Int) -> ReportWindow { ReportWindow(start: at(start), end: at(end)) }

    static func thread(_ id: Int64, _ kind: ThreadRecord.Kind, at minutes: Int, by author: Int64? = nil) -> ThreadRecord
    {
        ThreadRecord(id: id, kind: kind, createdAt: at(minutes), author: author.map { Person(id: $0) })
    }

    static func snapshot(
        _ type: EventType = .status, conversation: Int64 = 1, at minutes: Int, assignee: Int64? = nil,
        status: String = "active", tags: [String]? = nil, threads: [ThreadRecord] = [],
        mailbox: Int64 = 101, closedAt: Int? = nil, createdAt: Int = 0, customer: Int64? = nil
    ) -> DecodedEvent {
        let snapshot = ConversationSnapshot(
            id: conversation, status: status, createdAt: at(createdAt), closedAt: closedAt.map(at),
            assignee: assignee.map { Person(id: $0, name: "Agent \($0)") }, customerId: customer,
            mailbox: Mailbox(id: mailbox, name: "Box \(mailbox)"),
            tags: tags, threads: threads)
        return DecodedEvent(type: type, time: at(minutes), payload: .conversation(snapshot), isEnvelope: false)
    }

    static func rating(
        _ id: Int64?, conversation: Int64 = 1, _ score: RatingRecord.Score, at minutes: Int,
        agent: Int64? = nil, mailbox: Int64? = nil
    ) -> DecodedEvent {
        DecodedEvent(
            type: .satisfactionRatings, time: at(minutes),
            payload: .rating(
                RatingRecord(
                    id: id, threadId: nil, conversationId: conversation, score: score,
                    agent: agent.map { Person(id: $0) },
                    mailboxId: mailbox)), isEnvelope: false)
    }

    static func deletion(_ conversation: Int64, at minutes: Int) -> DecodedEvent {
        DecodedEvent(
            type: .deleted, time: at(minutes), payload: .deletion(conversationId: conversation), isEnvelope: false)
    }

    /// The metrics of `events` fed in the given order, each at the next archive position, with the
    /// days and weeks of `timeZone`, about `window`.
    static func analytics(
        _ events: [DecodedEvent], timeZone: ReportTimeZone = .utc, officeHours: OfficeHours? = nil,
        window: ReportWindow = .unbounded
    ) -> AnalyticsResult {
        var store = FactStore(timeZone: timeZone, officeHours: officeHours, window: window)
        for event in events { store.record(event) }
        return AnalyticsResult(store: store)
    }
}
