import Foundation
import TestSupport
import Testing

/// `partial` and `merge` through the binary: the report folder of `report`, byte for byte; bad
/// partials and refused files leave everything as it was, with the documented exit status.
@Suite struct PartialMergeCommandTests: ReportFolderChecks {
    static let sampleFiles = [
        "2026-10-05.jsonl.gz", "2026-10-06.jsonl.gz", "2026-10-07.jsonl", "2026-10-08.jsonl.gz",
        "2026-10-09.jsonl.gz", "2026-10-10.jsonl.gz", "2026-10-11.jsonl.gz",
    ].map { "sample-data/archive/2026-10/" + $0 }

    /// summary.json without what differs between a run and a merge by nature: the command, its times
    /// and options, and the merge's list of partials.
    func comparableSummary(_ folder: String) throws -> [String] {
        let text = try String(contentsOfFile: folder + "/summary.json", encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return object.filter {
            !["command", "started_at", "finished_at", "duration_seconds", "options", "partials"].contains($0.key)
        }.map { field in
            let value = try! JSONSerialization.data(
                withJSONObject: field.value, options: [.sortedKeys, .fragmentsAllowed])
            return field.key + "=" + String(decoding: value, as: UTF8.self)
        }.sorted()
    }

    @Test(.temporaryFolder) func mergedPartialsOfTheSampleDataWriteTheReportOfOneRunByteForByte() throws {
        let root = TemporaryFolder.path
        let repository = HSArchiveRunner.repositoryRoot
        let secrets = ["--secret-file", "sample-data/webhook-secrets.txt"]
        let report = try HSArchiveRunner.run(
            ["report"] + Self.sampleFiles + secrets + ["--out", root + "/Reports", "--jobs", "2"]
                + HSArchiveRunner.sampleReportOptions, directory: repository)
        #expect(report.status == 0, "\(report.errors)")
        // One partial per day, and the same days split unevenly, made with one job.
        for (index, file) in Self.sampleFiles.enumerated() {
            let made = try HSArchiveRunner.run(
                ["partial", file, "--out", root + "/day\(index).partial", "--jobs", "1"] + secrets,
                directory: repository)
            #expect(made.status == 0, "\(made.errors)")
        }
        for (name, files) in [
            ("first", Array(Self.sampleFiles.prefix(2))), ("rest", Array(Self.sampleFiles.dropFirst(2))),
        ] {
            #expect(
                try HSArchiveRunner.run(
                    ["partial"] + files + ["--out", root + "/\(name).partial"] + secrets, directory: repository
                ).status == 0)
        }
        let splits = [
            (0..<7).map { root + "/day\($0).partial" }, [root + "/first.partial", root + "/rest.partial"],
        ]
        for (index, partials) in splits.enumerated() {
            let out = root + "/Merged\(index)"
            let merged = try HSArchiveRunner.run(
                ["merge"] + partials + ["--out", out] + HSArchiveRunner.sampleReportOptions, directory: repository)
            #expect(merged.status == 0, "\(merged.errors)")
            #expect(merged.errors.contains("2440 lines in 7 inputs: 2302 verified, 105 duplicate"))
            #expect(reportFiles(out) == reportFiles(root + "/Reports"))
            #expect(try comparableSummary(out) == comparableSummary(root + "/Reports"))
        }
        // The committed sample report is the same again: make report's folder, from partials.
        #expect(reportFiles(root + "/Merged0") == reportFiles(repository + "/Reports"))
        let summary = try String(contentsOfFile: root + "/Merged1/summary.json", encoding: .utf8)
        #expect(summary.contains("\"command\": \"merge\""))
        #expect(summary.contains("\"path\": \"\(root)/first.partial\""))
        #expect(summary.contains("\"key_ids\": [\"bb728738b78b137b\", \"bd35c4a2305aaf4c\"]"))
    }

    @Test(.temporaryFolder) func aDamagedPartialStopsTheMergeAndLeavesThePreviousReport() throws {
        let (root, archive, out, previous) = try previousReport()
        let partial = root + "/clean.partial"
        #expect(try HSArchiveRunner.run(["partial", archive, "--out", partial], environment: environment).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: partial))
        var damaged = bytes
        damaged[bytes.count / 2] ^= 0x20
        try damaged.write(to: URL(fileURLWithPath: root + "/damaged.partial"))
        try bytes.prefix(bytes.count - 40).write(to: URL(fileURLWithPath: root + "/cut.partial"))
        for (name, reason) in [
            ("damaged", "the file is damaged"), ("cut", "the file is cut short"),
        ] {
            let result = try HSArchiveRunner.run(["merge", partial, root + "/\(name).partial", "--out", out])
            #expect(result.status == 2)
            #expect(result.errors.contains("cannot merge the partial \(root)/\(name).partial: "), "\(result.errors)")
            #expect(result.errors.contains(reason), "\(result.errors)")
            #expect(result.errors.contains("no report was written"))
            #expect(snapshot(out) == previous)
            #expect(leftovers(in: root) == [])
        }
    }

    @Test(.temporaryFolder) func partialReplacesOnlyAPartialAndWritesNoneWhenNothingVerified() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        let notes = root + "/notes.txt"
        try "my notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        let refused = try HSArchiveRunner.run(["partial", archive, "--out", notes], environment: environment)
        #expect(refused.status == 2)
        #expect(refused.errors.contains("does not hold hsarchive's mark"), "\(refused.errors)")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "my notes\n")

        let partial = root + "/night.partial"
        #expect(try HSArchiveRunner.run(["partial", archive, "--out", partial], environment: environment).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: partial))
        let wrong = try HSArchiveRunner.run(
            ["partial", archive, "--out", partial], environment: ["HELPSCOUT_WEBHOOK_SECRET": "wrong"])
        #expect(wrong.status == 1)
        #expect(wrong.errors.contains("no partial was written"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: partial)) == first)
        #expect(!FileManager.default.fileExists(atPath: root + "/other.partial"))
        #expect(try HSArchiveRunner.run(["partial", archive, "--out", partial], environment: environment).status == 0)
        #expect(contents(root).filter { $0.contains("hsarchive-tmp") } == [])

        // One group of a larger split may hold nothing the secret signed: with --even-if-unverified
        // its partial is written, and the exit status still says so.
        let group = root + "/group.partial"
        let unverified = try HSArchiveRunner.run(
            ["partial", archive, "--out", group, "--even-if-unverified"],
            environment: ["HELPSCOUT_WEBHOOK_SECRET": "wrong"])
        #expect(unverified.status == 1)
        #expect(unverified.errors.contains("the partial is written all the same"), "\(unverified.errors)")
        let merged = try HSArchiveRunner.run(["merge", group, partial, "--out", root + "/R"])
        #expect(merged.status == 0, "\(merged.errors)")
        #expect(merged.errors.contains("5 forged"), "\(merged.errors)")
        #expect(
            merged.errors.contains("\(group): not one of its 5 signatures matched the keyring it was made with"),
            "\(merged.errors)")
    }

    /// A partial records an archive cut short; merge names the archive, says the partial recorded it
    /// and exits 2, as report over the same archive would.
    @Test(.temporaryFolder) func anArchiveCutShortInAPartialIsNamedByMergeWithItsPartial() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        try bytes.prefix(bytes.count - 12).write(to: URL(fileURLWithPath: root + "/cut.jsonl.gz"))
        let made = try HSArchiveRunner.run(
            ["partial", root + "/cut.jsonl.gz", "--out", root + "/cut.partial"], environment: environment)
        #expect(made.status == 2)
        let merged = try HSArchiveRunner.run(["merge", root + "/cut.partial", "--out", root + "/R"])
        #expect(merged.status == 2)
        #expect(merged.errors.contains("\(root)/cut.jsonl.gz:"), "\(merged.errors)")
        #expect(
            merged.errors.contains("(as \(root)/cut.partial recorded it when it was made"), "\(merged.errors)")
    }

    @Test(.temporaryFolder) func aPartialIsNeverWrittenIntoAReportFolder() throws {
        let (root, archive, out, previous) = try previousReport()
        let result = try HSArchiveRunner.run(
            ["partial", archive, "--out", out + "/night.partial"], environment: environment)
        #expect(result.status == 2)
        #expect(result.errors.contains("is inside a report folder"), "\(result.errors)")
        #expect(snapshot(out) == previous)
        #expect(leftovers(in: root) == [])
    }

    /// What the Spark job relies on: each archive recorded under the name given, and a count that
    /// does not match refused before anything is read.
    @Test(.temporaryFolder) func recordedAsNamesEachArchiveAndAMismatchIsRefused() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        let mismatch = try HSArchiveRunner.run(
            ["partial", archive, archive, "--out", root + "/p.partial", "--recorded-as", "s3a://bucket/a.jsonl.gz"],
            environment: environment)
        #expect(mismatch.status == 2)
        #expect(mismatch.errors.contains("--recorded-as is given once for 2 archives"), "\(mismatch.errors)")
        #expect(!FileManager.default.fileExists(atPath: root + "/p.partial"))
        let named = try HSArchiveRunner.run(
            ["partial", archive, "--out", root + "/p.partial", "--recorded-as", "s3a://bucket/2026-10-05.jsonl.gz"],
            environment: environment)
        #expect(named.status == 0, "\(named.errors)")
        #expect(try HSArchiveRunner.run(["merge", root + "/p.partial", "--out", root + "/R"]).status == 0)
        let summary = try String(contentsOfFile: root + "/R/summary.json", encoding: .utf8)
        #expect(summary.contains("\"path\": \"s3a://bucket/2026-10-05.jsonl.gz\""))
    }
}
