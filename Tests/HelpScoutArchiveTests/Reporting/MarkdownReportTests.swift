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

/// report.md stays readable at any size: at most about 400 lines, none over about 300 characters.
@Suite struct MarkdownReportSizeTests {
    typealias S = EventScript

    /// A conversation every `step` minutes from minute 0: a customer message, a reply by `agent(i)`
    /// an hour later, `tags(i)`, closed, rated.
    static func conversations(
        _ count: Int, step: Int, agent: (Int) -> Int64 = { _ in 301 }, tags: (Int) -> [String] = { _ in ["t"] }
    ) -> [DecodedEvent] {
        (0..<count).flatMap { i -> [DecodedEvent] in
            let start = i * step
            let id = Int64(i + 1)
            let threads = [
                S.thread(id * 10, .customerMessage, at: start),
                S.thread(id * 10 + 1, .agentReply, at: start + 60, by: agent(i)),
            ]
            return [
                S.snapshot(.created, conversation: id, at: start, threads: [threads[0]], createdAt: start),
                S.snapshot(
                    .agentReplyCreated, conversation: id, at: start + 60, assignee: agent(i), tags: tags(i),
                    threads: threads, createdAt: start),
                S.snapshot(
                    .status, conversation: id, at: start + 90, assignee: agent(i), status: "closed", tags: tags(i),
                    threads: threads, closedAt: start + 90, createdAt: start),
                S.rating(id, conversation: id, i % 3 == 0 ? .notGood : .great, at: start + 100, agent: agent(i)),
            ]
        }
    }

    func render(_ events: [DecodedEvent], window: ReportWindow = .unbounded) -> String {
        var summary = RunSummary()
        for _ in events { summary.add(.verified) }
        summary.inputs = [InputRecord(input: .file("archive.jsonl"))]
        return MarkdownReport(
            summary: summary, analytics: S.analytics(events, window: window), audit: AuditExcerpt()
        ).render()
    }

    func expectShort(_ text: String, _ comment: Comment) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count <= 400, "\(lines.count) lines: \(comment)")
        let longest = lines.map(\.count).max() ?? 0
        #expect(longest <= 300, "a line of \(longest) characters: \(comment)")
    }

    /// A conversation every ten days for fifteen years: the time tables count by year.
    @Test func aFifteenYearSpanRollsUpByYear() {
        let text = render(Self.conversations(550, step: 10 * 1440))
        expectShort(text, "15 years")
        #expect(text.contains("Events per year: `"))
        #expect(text.contains("| 2026 (partial) "), "\(text.prefix(3000))")
        #expect(text.contains("| 2033           "), "\(text.prefix(3000))")
        #expect(text.contains("Median response by year (2026 to 2041)"))
        #expect(text.contains("### By year"))
    }

    /// A conversation a year for a century counts by decade (by year it gave 467 lines in a new
    /// user's trial).
    @Test func aCenturyRollsUpByDecade() {
        let text = render(Self.conversations(100, step: 365 * 1440))
        expectShort(text, "100 years")
        #expect(text.contains("Events per decade: `") && text.contains("| 2020s (partial) |"), "\(text.prefix(3000))")
        #expect(text.contains("| 2030s           |") && text.contains("### By decade"))
    }

    /// Ninety days from Monday 2026-10-05 roll up by ISO week; the last, which ends on Saturday
    /// 2027-01-02, is marked partial.
    @Test func ninetyDaysRollUpByWeek() {
        let text = render(Self.conversations(90, step: 1440))
        expectShort(text, "90 days")
        #expect(text.contains("Events per week: `"))
        #expect(
            text.contains("| 2026-W41           |") && text.contains("| 2026-W53 (partial) |"), "\(text.prefix(2000))")
        // The charts mark it too, and say what the mark means.
        let chart = ReportCharts.volume(S.analytics(Self.conversations(90, step: 1440)))
        #expect(chart.contains(">2026-W53*</text>") && chart.contains("* only partly in the period"))
        #expect(!chart.contains(">2026-W41*</text>"))
    }

    /// A thousand agents and ten thousand tags: each table shows the top ones and says how many more.
    @Test func thousandsOfAgentsAndTagsShowTheTopOnes() {
        let events = Self.conversations(
            1000, step: 30, agent: { Int64(1000 + $0) }, tags: { i in (0..<10).map { "tag-\(i * 10 + $0)" } })
        let text = render(events)
        expectShort(text, "1,000 agents, 10,000 tags")
        #expect(text.contains("…and 985 more agents; all are in `response_times.csv`."))
        #expect(text.contains("…and 985 more agents; all are in `agent_assignments.csv`."))
        #expect(text.contains("…and 985 more agents; all are in `csat.csv`."))
        #expect(text.contains("…and 9,985 more tags; all are in `tags.csv`."))
    }

    /// 150 archives cut short were each listed on two lines (629 lines in a new user's trial): the
    /// first 15 are, then how many more.
    @Test func manyDamagedArchivesAreCountedNotAllListed() {
        var summary = RunSummary()
        summary.inputs = (0..<150).map { InputRecord(input: .file("day-\($0).jsonl.gz")) }
        summary.failures = (0..<150).map { InputFailure(input: $0, error: .gzipCutShort, lineReached: 3) }
        let text = MarkdownReport(summary: summary, analytics: S.analytics([]), audit: AuditExcerpt()).render()
        expectShort(text, "150 damaged archives")
        #expect(text.contains("> **150 archives could not be read to the end**"))
        #expect(text.contains("day-14.jsonl.gz") && !text.contains("day-15.jsonl.gz"))
        #expect(text.contains("…and 135 more; each is in `summary.json`"))
    }

    /// Names of any length stay in their cell, cut at a word.
    @Test func longNamesAreCutAtAWord() {
        let long = String(repeating: "very long name ", count: 100)
        #expect(long.escapedForMarkdown(limit: 40) == "very long name very long name very long…")
        #expect(String(repeating: "x", count: 80).escapedForMarkdown(limit: 10) == "xxxxxxxxxx…")
    }
}

/// The audit in report.md: rolled up by day and by reason before its first rows.
@Suite struct MarkdownAuditTests {
    @Test func reasonsRollUpWithoutTheirValues() {
        func kind(_ reason: String) -> String {
            Finding(position: ArchivePosition(input: 0, line: 1), status: .malformed, reason: reason).reasonKind
        }
        #expect(kind("line is not valid UTF-8 (byte 979)") == "line is not valid UTF-8 (byte N)")
        #expect(
            kind("line is not valid JSON: unterminated string at byte 492")
                == "line is not valid JSON: unterminated string at byte N")
        #expect(
            kind(#"X-HelpScout-Event header "convo.x \" y" disagrees with the signed body's eventType "convo.z""#)
                == #"X-HelpScout-Event header "…" disagrees with the signed body's eventType "…""#)
        #expect(
            kind("X-HelpScout-Signature is not base64 of a 20-byte HMAC-SHA1 digest")
                == "X-HelpScout-Signature is not base64 of a 20-byte HMAC-SHA1 digest")
    }

    /// An ASCII reason is rolled up byte by byte, any other by characters: both walks agree (a
    /// non-ASCII word in front sends the same reason down the other one).
    @Test func asciiReasonsRollUpAsTheCharacterWalkDoes() {
        func kind(_ reason: String) -> String {
            Finding(position: ArchivePosition(input: 0, line: 1), status: .malformed, reason: reason).reasonKind
        }
        let reasons = [
            "line is not valid UTF-8 (byte 979)", "unterminated string at byte 492", "byte 12.", "(7) and 8x, 9:",
            #"header "convo.x \" y" disagrees with "convo.z""#, #"a "\\" b "c"#, "20-byte 3 base64 4;5",
            "tab\there 6\r\n7 and \u{1B}[31m 8", "", "12",
        ]
        for reason in reasons {
            #expect(kind("é " + reason) == "é " + kind(reason), "\(reason.debugDescription)")
        }
    }

    /// 300 findings, forged and unsigned in turn, over three days and none: the day table and the reason table count them all,
    /// and the first rows follow.
    @Test func findingsAreCountedByDayAndReason() {
        var excerpt = AuditExcerpt()
        var summary = RunSummary()
        for line in 0..<300 {
            let day = line / 2 % 4
            let finding = Finding(
                position: ArchivePosition(input: 0, line: line + 1), status: line % 2 == 0 ? .forged : .unsigned,
                reason: line % 2 == 0
                    ? "signature does not match the body with any configured secret" : "no signature (byte \(line))",
                receivedAt: day == 3 ? nil : Timestamp.parse("2026-10-0\(5 + day)T12:00:00Z"))
            excerpt.add(finding)
            summary.add(finding.status)
        }
        summary.inputs = [InputRecord(input: .file("a.jsonl"))]
        let text = MarkdownReport(summary: summary, analytics: AnalyticsResult(), audit: excerpt).render()
        #expect(text.contains("300 lines did not verify."))
        #expect(text.contains("| 2026-10-05 Mon |     38 |       38 |"), "\(text)")
        #expect(text.contains("| no receivedAt  |     37 |       37 |"), "\(text)")
        let reason = text.split(separator: "\n").first { $0.contains("| no signature (byte N) ") }
        #expect(reason?.hasPrefix("| unsigned | ") == true && reason?.hasSuffix("|   150 |") == true, "\(text)")
        // The first 25 in archive order, then forged ones up to 25 of them.
        #expect(
            text.contains(
                "The first 25 in archive order, and forged ones after them up to 25 forged: 37 rows, forged first; all are in `audit.csv`:"
            ))
    }
}
