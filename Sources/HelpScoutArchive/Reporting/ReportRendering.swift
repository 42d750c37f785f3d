import Foundation

/// Renders the report folder's files, all but the streamed `audit.csv`: each one a pure function of
/// the run's summary, its analytics and the findings `report.md` lists.
package enum ReportRendering {
    /// The files' names and texts, in the order they are written (charts as `charts/NAME`).
    package static func files(summary: RunSummary, analytics: AnalyticsResult, audit: AuditExcerpt)
        -> [(name: String, text: String)]
    {
        var list: [(name: String, render: @Sendable () -> String)] = [
            (ReportFiles.integrity, { IntegrityCSV.render(summary) }),
            (ReportFiles.headline, { AnalyticsCSV.headline(analytics) }),
            (ReportFiles.events, { AnalyticsCSV.events(analytics) }),
            (ReportFiles.responseTimes, { AnalyticsCSV.responseTimes(analytics) }),
            (ReportFiles.responseBuckets, { AnalyticsCSV.responseBuckets(analytics) }),
            (ReportFiles.busiestHours, { AnalyticsCSV.busiestHours(analytics) }),
            (ReportFiles.assignmentChurn, { AnalyticsCSV.assignmentChurn(analytics) }),
            (ReportFiles.agentAssignments, { AnalyticsCSV.agentAssignments(analytics) }),
            (ReportFiles.tags, { AnalyticsCSV.tags(analytics) }),
            (ReportFiles.csat, { AnalyticsCSV.csat(analytics) }),
            (ReportFiles.markdown, { MarkdownReport(summary: summary, analytics: analytics, audit: audit).render() }),
        ]
        for (index, name) in ReportCharts.names.enumerated() {
            list.append((ReportFiles.charts + "/" + name, { ReportCharts.render(analytics, only: index) }))
        }
        let files = list
        // Rendered on every core: the run's last few tens of milliseconds otherwise use one.
        let texts = ConcurrentSlots<String?>(Array(repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { texts.put($0, files[$0].render()) }
        var rendered = files.indices.map { (name: files[$0].name, text: texts.take($0)!) }
        // report.html is made from report.md's text and the charts, once they are rendered.
        let markdown = rendered.first { $0.name == ReportFiles.markdown }!.text
        let charts = Dictionary(
            uniqueKeysWithValues: rendered.filter { $0.name.hasSuffix(".svg") }.map { ($0.name, $0.text) })
        rendered.insert(
            (ReportFiles.html, HTMLReport.render(markdown: markdown, charts: charts)),
            at: rendered.firstIndex { $0.name == ReportFiles.markdown }! + 1)
        return rendered
    }
}
