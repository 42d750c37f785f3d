import Foundation
import Testing

@testable import HelpScoutArchive

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The SVG charts: well-formed, described for screen readers, the same bytes every time, archive
/// text escaped.
@Suite struct ReportChartsTests {
    typealias S = EventScript

    static let analytics = S.analytics(
        MarkdownReportSizeTests.conversations(
            60, step: 6 * 60, agent: { Int64(301 + $0 % 4) }, tags: { ["billing", "t\($0 % 7)"] }),
        timeZone: ReportTimeZone(identifier: "America/New_York")!)

    /// Parses `svg` as XML, returning the names of its elements (nil when it is not well formed).
    static func elements(_ svg: String) -> [String]? {
        final class Names: NSObject, XMLParserDelegate {
            var names: [String] = []
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) { names.append(name) }
        }
        let parser = XMLParser(data: Data(svg.utf8))
        let names = Names()
        parser.delegate = names
        return parser.parse() ? names.names : nil
    }

    @Test func everyChartIsWellFormedAndDescribed() throws {
        let charts = ReportCharts.render(Self.analytics)
        #expect(charts.map(\.name) == ReportCharts.names)
        for (name, svg) in charts {
            let elements = try #require(Self.elements(svg), "\(name) is not well-formed XML")
            #expect(Array(elements.prefix(3)) == ["svg", "title", "desc"], "\(name)")
            #expect(elements.contains("path") || elements.contains("rect"), "\(name) draws nothing")
            #expect(!svg.contains("<script") && !svg.contains("href") && !svg.contains("url("), "\(name)")
            #expect(!svg.contains("nan") && !svg.contains("inf"), "\(name) has a number that is not finite")
        }
        if let folder = ProcessInfo.processInfo.environment["HSARCHIVE_CHART_DUMP"] {
            for (name, svg) in charts { try svg.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        }
    }

    @Test func theSameAnalyticsDrawTheSameBytes() {
        let again = S.analytics(
            MarkdownReportSizeTests.conversations(
                60, step: 6 * 60, agent: { Int64(301 + $0 % 4) }, tags: { ["billing", "t\($0 % 7)"] }),
            timeZone: ReportTimeZone(identifier: "America/New_York")!)
        #expect(ReportCharts.render(again).map(\.svg) == ReportCharts.render(Self.analytics).map(\.svg))
    }

    /// A tag that tries to close the text and add a script stays text.
    @Test func hostileTagsStayText() throws {
        let hostile = "</text><script>alert(1)</script>&\u{202E}"
        let result = S.analytics(MarkdownReportSizeTests.conversations(3, step: 60, tags: { _ in [hostile] }))
        let svg = ReportCharts.tags(result)
        #expect(Self.elements(svg) != nil)
        #expect(!svg.contains("<script") && svg.contains("&lt;/text&gt;&lt;script&gt;") && svg.contains("\\u202e"))
    }

    /// Without data, each chart says so rather than drawing empty axes.
    @Test func chartsWithoutDataSaySo() throws {
        for (name, svg) in ReportCharts.render(AnalyticsResult()) {
            #expect(Self.elements(svg) != nil && svg.contains("No "), "\(name)")
        }
    }

    @Test func axesHaveRoundTicks() {
        #expect(ValueAxis.counts(upTo: 437).ticks == [0, 100, 200, 300, 400, 500])
        let hours = ValueAxis.durations(upTo: 7.2 * 3600)
        #expect(hours.unit == "h" && hours.ticks.map { $0 / 3600 } == [0, 2, 4, 6, 8] && hours.label(7200) == "2 h")
        #expect(ValueAxis(from: -100, to: 100, unit: "").ticks == [-100, -50, 0, 50, 100])
        #expect(ValueAxis.counts(upTo: 0).ticks.count >= 2)
        // Counts tick at whole numbers, each labelled with its value (12.5 was once written 13).
        #expect(ValueAxis.counts(upTo: 12).ticks == [0, 5, 10, 15] && ValueAxis.counts(upTo: 2).ticks == [0, 1, 2])
        #expect(ValueAxis(to: 12, unit: "").label(12.5) == "12.5")
    }

    /// Forty-five days' dates, ten characters each, once overlapped at 50 px apart: only as many
    /// are written as fit.
    @Test func dateLabelsDoNotOverlap() {
        let labels = (0..<45).map { Timestamp.dayString(20_000 + $0) }
        let svg = LineChart(
            id: "t", title: "t", description: "d", categories: labels,
            series: [.init(name: "s", values: labels.map { _ in 1 })],
            axis: .counts(upTo: 1), caption: "c"
        ).render()
        let written = labels.filter { svg.contains(">\($0)</text>") }
        #expect(written.count >= 4 && written.count <= 8, "\(written)")
    }

    /// A long name is cut at a word and keeps its id, so two agents stay apart.
    @Test func longNamesKeepTheirIds() {
        var result = AnalyticsResult()
        result.agentNames = [7: String(repeating: "Maximilian ", count: 8)]
        #expect(result.label(agent: 7, nameLimit: 14) == "Maximilian… (7)")
        #expect(BarChart.shortened(String(repeating: "x", count: 40)).count == 26)
    }
}
