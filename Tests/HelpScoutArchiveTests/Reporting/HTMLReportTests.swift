import Foundation
import Testing

@testable import HelpScoutArchive

/// report.html: report.md's sections as HTML, every character of text escaped, nothing loaded.
@Suite struct HTMLReportTests {
    typealias S = EventScript

    static let allowedTags: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "main", "nav", "ul", "li", "a", "h1", "h2", "h3", "p", "br",
        "strong", "code", "pre", "blockquote", "div", "table", "thead", "tbody", "tr", "th", "td", "span", "figure",
        "svg", "desc", "rect", "line", "path", "text", "circle",
    ]

    func page(tag: String, findings: [Finding] = []) -> String {
        var summary = RunSummary()
        summary.inputs = [InputRecord(input: .file("in<put>.jsonl"))]
        var excerpt = AuditExcerpt()
        for finding in findings {
            excerpt.add(finding)
            summary.add(finding.status)
        }
        let analytics = S.analytics(MarkdownReportSizeTests.conversations(5, step: 120, tags: { _ in [tag] }))
        let files = ReportRendering.files(summary: summary, analytics: analytics, audit: excerpt)
        return files.first { $0.name == ReportFiles.html }!.text
    }

    /// The tags of the page, each as written between `<` and `>`.
    func tagTexts(_ html: String) -> [Substring] {
        var tags: [Substring] = []
        var rest = html[...]
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            tags.append(rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
        }
        return tags
    }

    /// The names of the page's tags.
    func tags(_ html: String) -> Set<String> {
        Set(tagTexts(html).map { String($0.prefix { $0 != " " && $0 != "\n" }.drop { $0 == "/" }).lowercased() })
    }

    @Test func archiveTextCannotAddMarkupOrLoadAnything() {
        let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;`**|"
        let html = page(
            tag: hostile,
            findings: [
                Finding(
                    position: ArchivePosition(input: 0, line: 2), status: .forged, reason: "x <b>y</b>",
                    eventType: "<iframe src=//evil>")
            ])
        let unknown = tags(html).subtracting(Self.allowedTags).subtracting(["!doctype"])
        #expect(unknown.isEmpty, "\(unknown)")
        #expect(!html.contains("<script") && !html.contains("<img") && !html.contains("<iframe"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        for tag in tagTexts(html) {
            #expect(!tag.contains("src=") && !tag.contains(" on") && !tag.contains("javascript:"), "\(tag)")
            if tag.hasPrefix("a ") { #expect(tag.hasPrefix("a href=\"#"), "\(tag)") }
        }
        let style = html.components(separatedBy: "<style>")[1].components(separatedBy: "</style>")[0]
        #expect(!style.contains("url(") && !style.contains("@import") && !html.contains("https:"))
        #expect(html.contains("in&lt;put&gt;.jsonl:2"))
    }

    @Test func thePageHasReportMdsSectionsChartsAndBars() {
        let html = page(tag: "billing")
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        for section in ["headline", "integrity", "volume", "busiest-hours", "response-times", "tags", "audit"] {
            #expect(html.contains("<h2 id=\"\(section)\">") && html.contains("<a href=\"#\(section)\">"), "\(section)")
        }
        #expect(html.components(separatedBy: "<figure>\n<svg ").count == 9)
        #expect(html.contains("<td class=\"bar\"><span style=\"width:100%\"></span></td>"))
        #expect(html.contains("<th class=\"num\">events</th>"))
        #expect(html.contains("@media print") && html.contains("@media (max-width: 600px)"))
    }
}
