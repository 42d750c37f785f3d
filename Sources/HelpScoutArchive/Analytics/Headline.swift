/// The measures a support lead knows from Help Scout's Conversations, Productivity and Happiness
/// reports, in `headline.csv`'s order (definitions in docs/metrics.md, "Headline").
package enum HeadlineMeasure: String, Sendable, CaseIterable {
    case newConversations = "new_conversations"
    case customersHelped = "customers_helped"
    case customerMessages = "customer_messages"
    case repliesSent = "replies_sent"
    case resolved
    case resolvedOnFirstReplyPercent = "resolved_on_first_reply_pct"
    case repliesToResolve = "replies_to_resolve"
    case firstResponseMedian = "first_response_p50_s"
    case firstResponseP90 = "first_response_p90_s"
    case responseMedian = "response_p50_s"
    case resolutionMedian = "resolution_p50_s"
    /// The four times in office time, with `--office-hours` only.
    case firstResponseOfficeMedian = "first_response_office_p50_s"
    case firstResponseOfficeP90 = "first_response_office_p90_s"
    case responseOfficeMedian = "response_office_p50_s"
    case resolutionOfficeMedian = "resolution_office_p50_s"
    case ratings
    case csatPercent = "csat_pct"
    case happiness

    package enum Kind: Sendable { case count, percent, mean, seconds, score }

    package var kind: Kind {
        switch self {
        case .newConversations, .customersHelped, .customerMessages, .repliesSent, .resolved, .ratings: .count
        case .resolvedOnFirstReplyPercent, .csatPercent: .percent
        case .repliesToResolve: .mean
        case .happiness: .score
        default: .seconds
        }
    }

    package var isOfficeTime: Bool { rawValue.contains("_office_") }

    /// The measures of a report: the office-time ones only with office hours.
    static func measures(officeHours: Bool) -> [HeadlineMeasure] {
        allCases.filter { officeHours || !$0.isOfficeTime }
    }

    /// Each measure's figure over one window, from its counts and its rows of scope `all`; nil
    /// where there is nothing to measure (no ratings, no resolution …).
    static func figures(
        counts: HeadlineTotals, responseTimes: [ResponseTimeRow], satisfaction: [SatisfactionRow]
    ) -> [HeadlineMeasure: Double] {
        func summary(_ metric: ResponseMetric) -> DistributionSummary? {
            responseTimes.first { $0.metric == metric && $0.key == .all }?.summary
        }
        var figures: [HeadlineMeasure: Double] = [
            .newConversations: Double(counts.newConversations), .customersHelped: Double(counts.customersHelped),
            .customerMessages: Double(counts.customerMessages), .repliesSent: Double(counts.repliesSent),
            .resolved: Double(counts.resolved),
        ]
        if counts.resolved > 0 {
            figures[.resolvedOnFirstReplyPercent] = 100 * Double(counts.resolvedOnFirstReply) / Double(counts.resolved)
            figures[.repliesToResolve] = Double(counts.repliesToResolve) / Double(counts.resolved)
        }
        figures[.firstResponseMedian] = summary(.firstResponse)?.p50
        figures[.firstResponseP90] = summary(.firstResponse)?.p90
        figures[.responseMedian] = summary(.response)?.p50
        figures[.resolutionMedian] = summary(.resolution)?.p50
        figures[.firstResponseOfficeMedian] = summary(.firstResponseOffice)?.p50
        figures[.firstResponseOfficeP90] = summary(.firstResponseOffice)?.p90
        figures[.responseOfficeMedian] = summary(.responseOffice)?.p50
        figures[.resolutionOfficeMedian] = summary(.resolutionOffice)?.p50
        let all = satisfaction.first { $0.key == .all }
        figures[.ratings] = Double(all?.ratings ?? 0)
        if let all, all.ratings > 0 {
            figures[.csatPercent] = all.csatPercent
            figures[.happiness] = all.happiness
        }
        return figures
    }
}

/// One headline measure over the report's window and the one before it: a row of `headline.csv`.
package struct HeadlineRow: Sendable, Equatable {
    package var measure: HeadlineMeasure
    /// Nil where there is nothing to measure.
    package var current: Double?
    /// Nil where there is nothing to measure, or no window before to compare with.
    package var previous: Double?

    /// The change from `previous` to `current` as a share of `previous`'s size; nil without both or
    /// when `previous` is 0.
    package var changePercent: Double? {
        guard let current, let previous, previous != 0 else { return nil }
        return 100 * (current - previous) / abs(previous)
    }
}

/// Whether, and with what, the report's window is compared.
package enum HeadlineComparison: Sendable, Equatable {
    /// Without both `--since` and `--until` there is no window before to compare with.
    case noWindow
    /// With the window before (same length, ending where the report's starts).
    case compared(with: ReportWindow)
    /// The window before starts before the earliest verified event, so its figures could be
    /// partial and are not shown.
    case archivesStartLater(previous: ReportWindow, firstEvent: Timestamp?)

    init(window: ReportWindow, firstEventTime: Int64?) {
        guard let previous = window.preceding else {
            self = .noWindow
            return
        }
        if let first = firstEventTime, first < previous.lower {
            self = .compared(with: previous)
        } else {
            self = .archivesStartLater(
                previous: previous, firstEvent: firstEventTime.map(Timestamp.init(milliseconds:)))
        }
    }

    /// The window compared with, if any.
    package var previousWindow: ReportWindow? {
        if case .compared(let previous) = self { return previous }
        return nil
    }
}
