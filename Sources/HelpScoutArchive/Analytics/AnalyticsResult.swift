/// Every metric of a run as values: what each report file renders, and what later work saves and
/// draws charts from. Ids stay ids; names are looked up only when rendering. (Its rows hold means and
/// percentiles, which do not merge; the metrics' states, `ConversationMetric`, are what merge.)
package struct AnalyticsResult: Sendable, Equatable {
    /// The earliest and latest verified event times; nil without verified events.
    package var firstEventTime: Timestamp?
    package var lastEventTime: Timestamp?
    /// Conversations the verified events concern, deleted ones included.
    package var conversationCount = 0
    /// The zone the days and weeks are in.
    package var timeZone = ReportTimeZone.utc
    /// The office hours the `_office` response times were measured in, if any.
    package var officeHours: OfficeHours?
    /// The instants the metrics are about (events outside it were read as context).
    package var window = ReportWindow.unbounded
    /// The headline measures, in `HeadlineMeasure`'s order.
    package var headline: [HeadlineRow] = []
    /// Whether the headline compares the window with the one before.
    package var comparison = HeadlineComparison.noWindow
    /// Verified events in the window per day and type, by day, then type name.
    package var eventCounts: [EventCount] = []
    package var responseTimes: [ResponseTimeRow] = []
    package var churn = ChurnRows()
    package var tags: [TagRow] = []
    package var satisfaction: [SatisfactionRow] = []
    /// The period by day, week, month or year (as its length asks), every bucket of it.
    package var series: [SeriesPoint] = []
    /// New conversations and customer messages by weekday and hour of the time zone: 168 rows.
    package var busiestHours: [HourCount] = []
    /// The name each agent id goes by in the events (the first seen in archive order).
    package var agentNames: [Int64: String] = [:]
    /// The name each mailbox id goes by in the events (the first seen in archive order).
    package var mailboxNames: [Int64: String] = [:]

    /// The days of the time zone the report is about: from the window's start (else the first
    /// event) to the window's end (else the last event); nil when that is empty.
    package var periodDays: ClosedRange<Int>? {
        ReportWindow.days(window: window, first: firstEventTime, last: lastEventTime, in: timeZone)
    }
}
