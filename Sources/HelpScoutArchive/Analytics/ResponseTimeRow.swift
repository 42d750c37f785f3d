/// The three time measures of `response_times.csv` (see docs/metrics.md).
package enum ResponseMetric: String, Sendable, CaseIterable {
    case response
    case firstResponse = "first_response"
    case resolution
    /// The same three in office time (with `--office-hours`), after them.
    case responseOffice = "response_office"
    case firstResponseOffice = "first_response_office"
    case resolutionOffice = "resolution_office"
}

/// The times of one measure for one key: a row of `response_times.csv`.
package struct ResponseTimeRow: Sendable, Equatable {
    package var metric: ResponseMetric
    /// All, a mailbox, an agent or a day.
    package var key: MetricKey
    package var summary: DistributionSummary
}
