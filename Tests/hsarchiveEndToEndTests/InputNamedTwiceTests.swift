import Foundation
import TestSupport
import Testing

/// A file among the inputs twice is read once, with a warning: it was read twice, and each of its
/// lines got two statuses (494 lines for a day of 247, its forged lines counted twice).
@Suite struct InputNamedTwiceTests {
    let day = "sample-data/archive/2026-10/2026-10-05.jsonl.gz"
    let secrets = ["--secret-file", "sample-data/webhook-secrets.txt"]

    func run(_ arguments: [String]) throws -> HSArchiveRunner.Result {
        try HSArchiveRunner.run(arguments, directory: HSArchiveRunner.repositoryRoot)
    }

    @Test(.temporaryFolder) func archiveGivenTwiceIsReadOnceNotCountedTwice() throws {
        let root = TemporaryFolder.path
        let repository = HSArchiveRunner.repositoryRoot
        // A folder with a convenience link to a month and a hard link: each file once.
        try FileManager.default.createDirectory(atPath: root + "/arch/2026-10", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repository + "/" + day, toPath: root + "/arch/2026-10/d.jsonl.gz")
        try FileManager.default.createSymbolicLink(atPath: root + "/arch/latest", withDestinationPath: "2026-10")
        try FileManager.default.linkItem(
            atPath: root + "/arch/2026-10/d.jsonl.gz", toPath: root + "/arch/hard.jsonl.gz")
        try FileManager.default.createSymbolicLink(
            atPath: root + "/link.jsonl.gz", withDestinationPath: repository + "/" + day)
        let same = "is the same file as"
        for (inputs, warning) in [
            ([day, day], "\(day) \(same) \(day)"),
            (["sample-data/archive", day], "\(day) \(same) \(day)"),
            ([day, root + "/link.jsonl.gz"], "link.jsonl.gz \(same) \(day)"),
            ([root + "/arch"], "arch/latest/d.jsonl.gz \(same) \(root)/arch/2026-10/d.jsonl.gz"),
        ] {
            let lines = inputs.first == "sample-data/archive" ? "2440 lines in 7 inputs" : "247 lines in 1 input"
            let verified = try run(["verify"] + secrets + inputs)
            #expect(verified.status == 1, "\(inputs): \(verified.errors)")
            #expect(verified.errors.contains(warning), "\(inputs): \(verified.errors)")
            #expect(verified.output.contains(lines), "\(inputs): \(verified.output)")
            let report = try run(["report", "--out", root + "/R"] + secrets + inputs)
            #expect(report.status == 0 && report.errors.contains(warning), "\(inputs): \(report.errors)")
            let integrity = try String(contentsOfFile: root + "/R/integrity.csv", encoding: .utf8)
            #expect(integrity.hasSuffix("total,\(lines.split(separator: " ")[0])\n"), "\(inputs): \(integrity)")
        }
        // In the folder, the hard link and the file reached through the link to its month are left out.
        let folder = try run(["verify"] + secrets + [root + "/arch"])
        #expect(
            folder.errors.contains("arch/hard.jsonl.gz \(same) \(root)/arch/2026-10/d.jsonl.gz"), "\(folder.errors)")
        #expect(folder.errors.components(separatedBy: same).count == 3, "two left out: \(folder.errors)")
    }

    /// Standard input redirected from a file also named is the same file; a pipe is not.
    @Test func standardInputFromAFileAlsoNamedIsReadOnce() throws {
        let redirected = try HSArchiveRunner.shell(
            "\"$HSARCHIVE\" verify --secret-file sample-data/webhook-secrets.txt \(day) - < \(day)",
            directory: HSArchiveRunner.repositoryRoot)
        #expect(redirected.output.contains("247 lines in 1 input"), "\(redirected.output)")
        #expect(redirected.errors.contains("- (standard input) is the same file as \(day)"), "\(redirected.errors)")
        let piped = try HSArchiveRunner.shell(
            "cat \(day) | \"$HSARCHIVE\" verify --secret-file sample-data/webhook-secrets.txt \(day) -",
            directory: HSArchiveRunner.repositoryRoot)
        #expect(
            piped.output.contains("494 lines in 2 inputs") && !piped.errors.contains("same file"), "\(piped.errors)")
    }

    @Test(.temporaryFolder) func partialGivenTwiceIsMergedOnce() throws {
        let root = TemporaryFolder.path
        let made = try run(["partial", "--out", root + "/day.partial"] + secrets + [day])
        #expect(made.status == 0, "\(made.errors)")
        let twice = try run(["merge", "--out", root + "/Twice", root + "/day.partial", root + "/day.partial"])
        #expect(twice.status == 0 && twice.errors.contains("day.partial is the same file as"), "\(twice.errors)")
        let once = try run(["merge", "--out", root + "/Once", root + "/day.partial"])
        #expect(once.status == 0, "\(once.errors)")
        for file in ["integrity.csv", "audit.csv", "response_times.csv", "tags.csv"] {
            #expect(
                try String(contentsOfFile: root + "/Twice/" + file, encoding: .utf8)
                    == String(contentsOfFile: root + "/Once/" + file, encoding: .utf8), "\(file)")
        }
    }
}
