import Foundation
import TestSupport
import Testing

/// `report --office-hours` and `--holidays` on the command line.
@Suite struct OfficeHoursCommandTests {
    func report(_ extra: [String], into out: String) throws -> HSArchiveRunner.Result {
        try HSArchiveRunner.run(
            ["report", "sample-data/archive", "--secret-file", "sample-data/webhook-secrets.txt", "--out", out] + extra,
            directory: HSArchiveRunner.repositoryRoot)
    }

    @Test(.temporaryFolder) func officeHoursAddTheirRowsAndBadSchedulesAreRefused() throws {
        let root = TemporaryFolder.path
        try "# closed\n2026-10-06\n".write(toFile: root + "/holidays.txt", atomically: true, encoding: .utf8)
        let result = try report(
            [
                "--time-zone", "America/New_York", "--office-hours", "Mon-Fri 09:00-17:00", "--holidays",
                root + "/holidays.txt",
            ],
            into: root + "/R")
        #expect(result.status == 0, "\(result.errors)")
        let rows = try String(contentsOfFile: root + "/R/response_times.csv", encoding: .utf8).split(separator: "\n")
        for metric in ["response", "first_response", "resolution"] {
            let wall = rows.filter { $0.hasPrefix(metric + ",") }.map { $0.split(separator: ",")[1...3] }
            let office = rows.filter { $0.hasPrefix(metric + "_office,") }.map { $0.split(separator: ",")[1...3] }
            #expect(!wall.isEmpty && wall == office, "\(metric): the same scopes, keys and counts")
        }
        let markdown = try String(contentsOfFile: root + "/R/report.md", encoding: .utf8)
        #expect(markdown.contains("Office hours: Mon-Fri 09:00-17:00 in America/New_York, 1 holiday without them"))
        let summary = try String(contentsOfFile: root + "/R/summary.json", encoding: .utf8)
        #expect(summary.contains("\"office_hours\": \"Mon-Fri 09:00-17:00\""))

        for (extra, message) in [
            (["--office-hours", "Mon-Fri 9-5"], "cannot read 'Mon-Fri 9-5'"),
            (["--holidays", root + "/holidays.txt"], "--holidays needs --office-hours"),
        ] {
            let refused = try report(extra, into: root + "/Refused")
            #expect(refused.status == 2 && refused.errors.contains(message), "\(refused.errors)")
        }
        try "2026-10-06\nnext tuesday\n".write(toFile: root + "/bad.txt", atomically: true, encoding: .utf8)
        let bad = try report(
            ["--office-hours", "Mon-Fri 09:00-17:00", "--holidays", root + "/bad.txt"], into: root + "/Bad")
        #expect(bad.status == 2 && bad.errors.contains("bad.txt:2: 'next tuesday' is not a date"), "\(bad.errors)")
        #expect(
            !FileManager.default.fileExists(atPath: root + "/Bad")
                && !FileManager.default.fileExists(atPath: root + "/Refused"))
    }

    /// A holidays file that cannot be read is named with the reason in words; the message once
    /// showed the error's Swift value (`cannotOpen(reason: "No such file or directory")`).
    @Test(.temporaryFolder) func unreadableHolidaysFileIsExplainedInWordsNotASwiftValue() throws {
        let root = TemporaryFolder.path
        for (file, reason) in [(root + "/missing.txt", "No such file or directory"), (root, "is a directory")] {
            let refused = try report(
                ["--office-hours", "Mon-Fri 09:00-17:00", "--holidays", file], into: root + "/Refused")
            #expect(refused.status == 2, "\(refused.errors)")
            #expect(refused.errors.contains("cannot read the holidays file"), "\(refused.errors)")
            #expect(refused.errors.contains(reason) && !refused.errors.contains("reason:"), "\(refused.errors)")
        }
    }
}
