import Foundation
import TestSupport
import Testing

/// `report --since --until` on the command line.
@Suite struct ReportPeriodCommandTests {
    func report(_ extra: [String], into out: String) throws -> HSArchiveRunner.Result {
        try HSArchiveRunner.run(
            ["report", "sample-data/archive", "--secret-file", "sample-data/webhook-secrets.txt", "--out", out] + extra,
            directory: HSArchiveRunner.repositoryRoot)
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// A period changes the metrics, never the integrity counts or the audit: every line read is
    /// still checked and listed.
    @Test(.temporaryFolder) func aPeriodKeepsEveryLineInTheIntegrityAndAudit() throws {
        let root = TemporaryFolder.path
        let whole = try report([], into: root + "/Whole")
        let period = try report(
            ["--time-zone", "America/New_York", "--since", "2026-10-08", "--until", "2026-10-11T00:00:00-04:00"],
            into: root + "/Period")
        #expect(whole.status == 0 && period.status == 0, "\(period.errors)")
        for file in ["integrity.csv", "audit.csv"] {
            #expect(try read(root + "/Whole/" + file) == read(root + "/Period/" + file), "\(file)")
        }
        #expect(try read(root + "/Whole/events.csv") != read(root + "/Period/events.csv"))
        let days = Set(try read(root + "/Period/events.csv").split(separator: "\n").dropFirst().map { $0.prefix(10) })
        #expect(days == ["2026-10-08", "2026-10-09", "2026-10-10"])
        let headline = try read(root + "/Period/headline.csv").split(separator: "\n")
        #expect(headline.first == "measure,current,previous,change_pct")
        #expect(
            headline.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 4 })
        #expect(headline.contains { $0.hasPrefix("new_conversations,117,114,") }, "\(headline)")
        let summary = try read(root + "/Period/summary.json")
        #expect(summary.contains("\"since\": \"2026-10-08T04:00:00Z\""), "\(summary)")
        #expect(summary.contains("\"until\": \"2026-10-11T04:00:00Z\""), "\(summary)")
        let markdown = try read(root + "/Period/report.md")
        #expect(markdown.contains("from 2026-10-08T00:00:00-04:00 until 2026-10-11T00:00:00-04:00"))
        #expect(markdown.contains("Compared with the period of the same length before, from 2026-10-05T00:00:00-04:00"))
    }

    @Test(.temporaryFolder) func emptyOrUnreadablePeriodsAreRefused() throws {
        let root = TemporaryFolder.path
        for (extra, message) in [
            (
                ["--since", "2026-10-09", "--until", "2026-10-08"],
                "--since 2026-10-09 is not before --until 2026-10-08"
            ),
            (["--since", "2026-10-09", "--until", "2026-10-09"], "is not before --until"),
            (["--since", "last week"], "--since takes an RFC 3339 time"),
            (["--until", "2026-13-01"], "--until takes an RFC 3339 time"),
        ] {
            let refused = try report(extra, into: root + "/Refused")
            #expect(refused.status == 2 && refused.errors.contains(message), "\(extra): \(refused.errors)")
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/Refused"))
    }
}

extension ReportPeriodCommandTests {
    /// Days as bounds across the end of daylight-saving time (November 1 in New York): the week
    /// before is seven calendar days too, from midnight, not 168 hours back from it.
    @Test(.temporaryFolder) func dayBoundsCompareWithAsManyCalendarDays() throws {
        let root = TemporaryFolder.path
        let result = try report(
            ["--time-zone", "America/New_York", "--since", "2026-11-02", "--until", "2026-11-09"], into: root + "/R")
        #expect(result.status == 0, "\(result.errors)")
        let markdown = try read(root + "/R/report.md")
        #expect(
            markdown.contains("from 2026-10-26T00:00:00-04:00 until 2026-11-02T00:00:00-05:00"),
            "\(markdown.prefix(900))")
    }

    /// A time without an offset could be UTC or the zone's clock: it is refused, not guessed.
    @Test(.temporaryFolder) func aTimeWithoutItsOffsetIsRefused() throws {
        let refused = try report(["--since", "2026-10-08T09:00:00"], into: TemporaryFolder.path + "/R")
        #expect(refused.status == 2 && refused.errors.contains("an RFC 3339 time with its offset"), "\(refused.errors)")
    }
}
