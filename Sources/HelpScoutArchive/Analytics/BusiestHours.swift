/// New conversations and customer messages by weekday and hour of the report's time zone, over the
/// period the verified events cover: when the customers write (`busiest_hours.csv`, report.md's
/// heat map).
struct BusiestHours: ConversationMetric {
    /// Counts by `weekday × 24 + hour`, Monday 00:00 first.
    private var newConversations = [Int](repeating: 0, count: 168)
    private var customerMessages = [Int](repeating: 0, count: 168)
    private let timeZone: ReportTimeZone
    /// A conversation created, or a message written, outside it is not in the report's period.
    private let period: ReportWindow

    init(store: FactStore) {
        timeZone = store.timeZone
        period = store.period
    }

    private func slot(_ milliseconds: Int64) -> Int? {
        guard period.contains(milliseconds) else { return nil }
        let time = Timestamp(milliseconds: milliseconds)
        return Timestamp.weekday(ofDay: timeZone.dayNumber(time)) * 24 + timeZone.hour(time)
    }

    mutating func add(_ conversation: ConversationView) {
        if conversation.createdAt != Fact.none, let slot = slot(conversation.createdAt) {
            newConversations[slot] += 1
        }
        for thread in conversation.threads where thread.kind == .customerMessage {
            if let slot = slot(thread.time) { customerMessages[slot] += 1 }
        }
    }

    mutating func merge(_ other: BusiestHours) {
        for slot in 0..<168 {
            newConversations[slot] += other.newConversations[slot]
            customerMessages[slot] += other.customerMessages[slot]
        }
    }

    /// All 168 hours, Monday 00:00 first.
    consuming func rows(store: FactStore) -> [HourCount] {
        (0..<168).map {
            HourCount(
                weekday: $0 / 24, hour: $0 % 24, newConversations: newConversations[$0],
                customerMessages: customerMessages[$0])
        }
    }
}

/// One hour of the week: a row of `busiest_hours.csv`.
package struct HourCount: Sendable, Equatable {
    /// 0 for Monday to 6 for Sunday.
    package var weekday: Int
    package var hour: Int
    package var newConversations: Int
    package var customerMessages: Int
}
