import Foundation
import TestSupport
import Testing

/// report.html in a real browser: headless Chromium (Debian's chromium-headless-shell) renders the
/// sample report at a desktop's width and a phone's, through tools/browser_check.py.
@Suite struct BrowserRenderTests {
    static let install = "sudo apt-get install -y chromium-headless-shell"

    struct Page: Decodable {
        struct Chart: Decodable {
            var title: String
            var width: Int
            var height: Int
        }
        var charts: [Chart]
        var headings: [String]
        var height: Int
        var width: Int
        var viewport: Int
        var tables: Int
    }

    struct Rendering: Decodable {
        var desktop: Page
        var phone: Page
        var console: [String]
        var errors: [String]
        var requests: [String]
    }

    @Test(.temporaryFolder) func theSampleReportRendersInABrowser() throws {
        let browser = ["/usr/bin/chromium-headless-shell", "/usr/local/bin/chromium-headless-shell"]
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(
            browser != nil, "chromium-headless-shell is not installed: \(Self.install) (make test does so as root)")
        let out = TemporaryFolder.path + "/Reports"
        #expect(try HSArchiveRunner.reportSampleData(into: out).status == 0)
        let screenshot = TemporaryFolder.path + "/report.png"
        let result = try HSArchiveRunner.shell(
            "python3 tools/browser_check.py '\(out)/report.html' '\(screenshot)' --browser '\(browser!)'",
            environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"], directory: HSArchiveRunner.repositoryRoot)
        #expect(result.status == 0, "\(result.errors)")
        let rendering = try JSONDecoder().decode(Rendering.self, from: Data(result.output.utf8))
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        let sections = markdown.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.dropFirst(3)) }

        for page in [rendering.desktop, rendering.phone] {
            #expect(page.headings == sections, "the page has report.md's sections")
            #expect(
                page.height > 4000 && page.tables >= 15, "the page rendered: \(page.height) px, \(page.tables) tables")
            #expect(page.charts.count == 8, "\(page.charts.map(\.title))")
            for chart in page.charts {
                #expect(chart.width >= 300 && chart.height >= 100, "\(chart.title) is not visible")
            }
            #expect(page.width <= page.viewport, "the page is wider than the screen: \(page.width) > \(page.viewport)")
        }
        // On a phone a chart keeps a readable size and scrolls sideways in its box.
        #expect(rendering.phone.charts.allSatisfy { $0.width == 540 }, "\(rendering.phone.charts.map(\.width))")
        #expect(rendering.console.isEmpty && rendering.errors.isEmpty, "\(rendering.console) \(rendering.errors)")
        #expect(rendering.requests == ["file://\(out)/report.html"], "nothing is loaded from anywhere else")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.count > 50_000 && png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
    }
}
