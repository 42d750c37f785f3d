/// How keys read in the reports.
extension MetricKey {
    /// The `key` column: `all`, an id or `unknown`, a day `2026-10-05`, a week `2026-W41`.
    var text: String {
        switch self {
        case .all: return "all"
        case .mailbox(let id), .agent(let id): return id.map { String($0) } ?? "unknown"
        case .day(let day): return Timestamp.dayString(day)
        case .week(let week): return week.text
        }
    }
}
