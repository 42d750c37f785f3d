import Foundation
import HelpScoutArchive

/// How long the report's files take to render once the run's facts are gathered, and how much of
/// it the charts and report.html take: what `make bench` sets beside the report's whole time.
enum RenderTiming {
    final class Collector: RunObserver {
        var store: FactStore
        var audit = AuditExcerpt()
        init(store: FactStore) { self.store = store }
        func record(event: DecodedEvent, at position: ArchivePosition) { store.record(event) }
        func record(finding: Finding) { if finding.status.isAudited { audit.add(finding) } }
    }

    static func run(secrets: String, archives: [String]) {
        let keyring = try! SecretKeyring.load(secretFile: RawPath(secrets), environment: [:]).keyring
        let collector = Collector(store: benchStore())
        let summary = ArchivePipeline(
            inputs: InputDiscovery.archives(for: archives), keyring: keyring, options: .init(jobs: 2)
        ).run(observer: collector)
        func fastest(_ body: () -> Void) -> Double {
            var best = Double.infinity
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                body()
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            }
            return best
        }
        let analyticsTime = fastest { _ = AnalyticsResult(store: collector.store) }
        let analytics = AnalyticsResult(store: collector.store)
        let all = fastest { _ = ReportRendering.files(summary: summary, analytics: analytics, audit: collector.audit) }
        let charts = fastest { _ = ReportCharts.render(analytics) }
        let markdown = MarkdownReport(summary: summary, analytics: analytics, audit: collector.audit).render()
        let rendered = Dictionary(
            uniqueKeysWithValues: ReportCharts.render(analytics).map { ("charts/" + $0.name, $0.svg) })
        let html = fastest { _ = HTMLReport.render(markdown: markdown, charts: rendered) }
        print(
            String(
                format: "render: the metrics %.1f ms, all files %.1f ms, charts %.1f ms, report.html %.1f ms",
                analyticsTime, all, charts, html))
    }

    /// An empty store with the bench's options: a time zone, office hours and a period compared
    /// with the one before.
    static func benchStore() -> FactStore {
        let zone = ReportTimeZone(identifier: "America/New_York")!
        let window = ReportWindow(start: zone.startOfDay(day("2026-10-19")), end: zone.startOfDay(day("2026-11-02")))
        return FactStore(timeZone: zone, officeHours: try! OfficeHours(parsing: "Mon-Fri 09:00-17:00"), window: window)
    }

    private static func day(_ text: String) -> Int { Timestamp.parse(text + "T00:00:00Z")!.dayNumber }
}
