import Foundation
import Testing

@testable import HelpScoutArchive

@Suite struct MarkdownReportTests {
    typealias S = EventScript

    func render(_ events: [DecodedEvent], findings: [Finding] = []) -> String {
        var summary = RunSummary()
        for _ in events { summary.add(.verified) }
        summary.inputs = [InputRecord(input: .file("in|put.jsonl"))]
        return MarkdownReport(summary: summary, analytics: S.analytics(events), audit: excerpt(findings)).render()
    }

    func excerpt(_ findings: [Finding]) -> AuditExcerpt {
        var excerpt = AuditExcerpt()
        for finding in findings { excerpt.add(finding) }
        return excerpt
    }

    @Test func hostileNamesCannotBreakOrSpoofATable() {
        let hostile = "evil|tag\n# Heading\r| forged | 999 |<script>"
        let text = render(
            [S.snapshot(.created, at: 0, tags: [hostile])],
            findings: [
                Finding(
                    position: ArchivePosition(input: 0, line: 3), status: .forged, reason: "x | y\nz", eventType: "a|b")
            ])
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where line.hasPrefix("|") {
            // Every row of a table has as many unescaped pipes as its header.
            let pipes = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            #expect(pipes >= 3, "\(line)")
        }
        #expect(!text.contains("<script>"))
        #expect(!text.contains("\n# Heading"))
        // Line breaks are written as escapes, whose backslash Markdown shows when it is doubled.
        #expect(text.contains("evil\\|tag\\\\n\\# Heading\\\\r\\| forged"))
        let tagTable = text.components(separatedBy: "## Tags")[1].split(separator: "\n").filter { $0.hasPrefix("|") }
        let columnCounts = Set(tagTable.map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count })
        #expect(columnCounts.count == 1)
    }

    /// Regression: archive values sat in code spans, where GitHub shows backslash escapes and
    /// entities literally (`hs\_archive.jsonl`) and a backtick in a value ends the span.
    @Test func archiveValuesAreNeverPutInCodeSpans() {
        var summary = RunSummary()
        summary.add(.forged)
        summary.inputs = [InputRecord(input: .file("hs_archive.jsonl"))]
        let finding = Finding(
            position: ArchivePosition(input: 0, line: 3), status: .forged, reason: "a `tick` & <b>",
            eventType: "convo.`x`")
        let text = MarkdownReport(summary: summary, analytics: S.analytics([]), audit: excerpt([finding])).render()
        let audit = text.components(separatedBy: "## Audit")[1]
        #expect(audit.contains("| hs\\_archive.jsonl:3 "))
        #expect(audit.contains("convo.\\`x\\`") && audit.contains("a \\`tick\\` &amp; &lt;b&gt;"))
        #expect(!audit.contains("`hs") && !audit.contains("`convo"))
    }

    /// Regression: hidden characters (bidi overrides, zero-width spaces) from archives reached
    /// report.md as they were, so a reason or name could be shown reordered.
    @Test func hiddenCharactersAreShownAsEscapes() {
        let text = render(
            [S.snapshot(.created, at: 0, tags: ["vip\u{202E}gnp.exe"])],
            findings: [
                Finding(
                    position: ArchivePosition(input: 0, line: 1), status: .unsigned, reason: "r",
                    deliveryId: "d\u{200B}")
            ])
        #expect(!text.unicodeScalars.contains { $0.isHiddenOrControl && $0 != "\n" })
        #expect(text.contains("vip\\\\u202egnp.exe"))
    }

    /// Regression (found by trying the tool): a long path cut the audit's place before `:LINE`.
    @Test func longPlacesKeepTheirLineNumber() {
        var summary = RunSummary()
        summary.add(.unsigned)
        let path = "/var/archive/helpscout/" + String(repeating: "deep/", count: 12) + "2026-10-05.jsonl.gz"
        let finding = Finding(position: ArchivePosition(input: 0, line: 1234), status: .unsigned, reason: "r")
        summary.inputs = [InputRecord(input: .file(path))]
        let text = MarkdownReport(summary: summary, analytics: S.analytics([]), audit: excerpt([finding])).render()
        #expect(text.contains("| …") && text.contains("deep/2026-10-05.jsonl.gz:1234 |"))
    }

    @Test func durationsAreForPeople() {
        #expect(TextCharts.duration(42) == "42s")
        #expect(TextCharts.duration(725) == "12m 05s")
        #expect(TextCharts.duration(2 * 3600 + 14 * 60 + 59) == "2h 14m")
        #expect(TextCharts.duration(3 * 86_400 + 4 * 3600) == "3d 04h")
        #expect(TextCharts.count(1_234_567) == "1,234,567")
    }

    @Test func chartsScaleToTheirMaximum() {
        #expect(TextCharts.bar(10, of: 10, width: 4) == "████")
        #expect(TextCharts.bar(1, of: 8, width: 1) == "▏")
        #expect(TextCharts.bar(0, of: 8) == "")
        #expect(TextCharts.sparkline([0, 7, 14]) == "▁▅█")
        #expect(TextCharts.sparkline([3, 3]) == "▅▅")
    }

    @Test func anEmptyRunStillReadsWell() {
        let text = render([])
        #expect(text.contains("no verified events"))
        #expect(text.contains("No ratings."))
    }
}

extension MarkdownReportTests {
    /// The heat map's hour ticks were trimmed at both ends, which moved them five columns left of
    /// the hours they name.
    @Test func heatMapHourTicksLineUpWithTheirHours() {
        // A customer message at 15:00 UTC on Monday 2026-10-05.
        let text = render([S.snapshot(.created, at: 300, threads: [S.thread(1, .customerMessage, at: 300)])])
        let lines = text.components(separatedBy: "## Busiest hours")[1].split(separator: "\n").map(String.init)
        let ticks = lines[(lines.firstIndex(of: "```") ?? 0) + 1]
        let monday = lines.first { $0.hasPrefix("Mon") } ?? ""
        let column = ticks.range(of: "15").map { ticks.distance(from: ticks.startIndex, to: $0.lowerBound) } ?? 0
        #expect(ticks.hasPrefix("     0  3"), "\(ticks)")
        #expect(Array(monday).count > column && Array(monday)[column] != "·", "\(ticks)\n\(monday)")
        #expect(Array(monday).filter { $0 != "·" && $0 != " " }.count == 4)
    }
}
