/// Every metric of a run as values: what each report file renders, and what later work saves,
/// merges and draws from. Ids stay ids; names are looked up only when rendering.
public struct AnalyticsResult: Sendable, Equatable {
    /// The earliest and latest verified event times; nil without verified events.
    public var firstEventTime: Timestamp?
    public var lastEventTime: Timestamp?
    /// Conversations the verified events concern, deleted ones included.
    public var conversationCount = 0
    /// Verified events per UTC day and type, by day, then type name.
    public var eventCounts: [EventCount] = []
    public var responseTimes: [ResponseTimeRow] = []
    public var churn = ChurnRows()
    public var tags: [TagRow] = []
    public var satisfaction: [SatisfactionRow] = []
    /// The name each agent id goes by in the events (the first seen in archive order).
    public var agentNames: [Int64: String] = [:]
    /// The name each mailbox id goes by in the events (the first seen in archive order).
    public var mailboxNames: [Int64: String] = [:]
}

/// The verified events of one UTC day and type: a row of `events.csv`.
public struct EventCount: Sendable, Equatable {
    /// Whole days since 1970-01-01 in UTC.
    public var day: Int
    public var type: EventType
    public var count: Int
}
