import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

/// The exit status tells the truth: a run that checked nothing, or whose every signature failed,
/// is never a success, and never replaces the previous report.
@Suite struct NoFalseSuccessTests {
    let secret = "truth-secret"
    var environment: [String: String] { ["HELPSCOUT_WEBHOOK_SECRET": secret] }
    let manager = FileManager.default

    /// Every file in the folder and its subfolders, with its bytes.
    func snapshot(_ folder: String) -> [String: Data] {
        let files = ((try? manager.subpathsOfDirectory(atPath: folder)) ?? []).filter { path in
            var isFolder: ObjCBool = false
            return manager.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder) && !isFolder.boolValue
        }
        return Dictionary(
            uniqueKeysWithValues: files.map {
                ($0, (try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) ?? Data())
            })
    }

    /// The test's temporary folder with a good report in `Reports/`, and its archive.
    func withPreviousReport(_ body: (_ root: String, _ archive: String, _ previous: [String: Data]) throws -> Void)
        throws
    {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        #expect(
            try HSArchiveRunner.run(["report", archive, "--out", root + "/Reports"], environment: environment).status
                == 0)
        try body(root, archive, snapshot(root + "/Reports"))
    }

    /// Regression: with a wrong secret every line was forged, `report` exited 0 and replaced the
    /// last good report with an empty one.
    @Test(.temporaryFolder) func aWrongSecretIsSaidPlainlyExitsOneAndKeepsThePreviousReport() throws {
        try withPreviousReport { root, archive, previous in
            let wrong = ["HELPSCOUT_WEBHOOK_SECRET": "not-the-secret"]
            let report = try HSArchiveRunner.run(["report", archive, "--out", root + "/Reports"], environment: wrong)
            #expect(report.status == 1)
            #expect(
                report.errors.contains(
                    "not one of the 5 signatures matched the configured secret: the secret is probably wrong"))
            #expect(report.errors.contains("no report was written"))
            #expect(snapshot(root + "/Reports") == previous)
            let verify = try HSArchiveRunner.run(["verify", archive], environment: wrong)
            #expect(verify.status == 1 && verify.errors.contains("the secret is probably wrong"))
            let events = try HSArchiveRunner.run(["events", archive], environment: wrong)
            #expect(
                events.status == 1 && events.errors.contains("the secret is probably wrong") && events.output.isEmpty)
            // One secret of two matching is a key rotation, not a wrong secret.
            let rotation = try HSArchiveRunner.run(
                ["verify", archive], environment: ["HELPSCOUT_WEBHOOK_SECRET": "old\n" + secret])
            #expect(rotation.status == 0)
        }
    }

    /// Regression: a run that read nothing (every input missing) still replaced the previous report.
    @Test(.temporaryFolder) func aRunThatReadNothingKeepsThePreviousReport() throws {
        try withPreviousReport { root, _, previous in
            let result = try HSArchiveRunner.run(
                ["report", root + "/missing.jsonl.gz", root + "/gone/", "--out", root + "/Reports"],
                environment: environment)
            #expect(result.status == 2)
            #expect(result.errors.contains("no input could be read, so nothing was checked; no report was written"))
            #expect(snapshot(root + "/Reports") == previous)
        }
    }

    /// Regression: a folder with no archive files, or only `*.json.gz` ones, read 0 lines and exited 0.
    @Test(.temporaryFolder) func aFolderWithoutArchivesIsAnInputThatCouldNotBeRead() throws {
        try withPreviousReport { root, archive, previous in
            try manager.createDirectory(atPath: root + "/exports", withIntermediateDirectories: true)
            try Data(try Data(contentsOf: URL(fileURLWithPath: archive))).write(
                to: URL(fileURLWithPath: root + "/exports/day.json.gz"))
            for command in ["verify", "events", "report"] {
                let result = try HSArchiveRunner.run(
                    [command, root + "/exports", "--out", root + "/Reports"].filter {
                        command == "report" || !$0.contains("Reports") && $0 != "--out"
                    },
                    environment: environment)
                #expect(result.status == 2, "\(command)")
                #expect(
                    result.errors.contains(
                        "\(root)/exports: no archive files found (searched for *.jsonl, *.ndjson, *.jsonl.gz, *.ndjson.gz); skipped 1 file that looks like an archive, such as \(root)/exports/day.json.gz"
                    ), "\(result.errors)")
            }
            #expect(snapshot(root + "/Reports") == previous)
        }
    }

    /// An existing empty file is a quiet day: read, reported, success. Empty standard input is read
    /// the same way, with a warning (`zcat missing.gz | hsarchive verify -` at least says so).
    @Test(.temporaryFolder) func anEmptyFileIsAQuietDayAndEmptyStandardInputDrawsAWarning() throws {
        let root = TemporaryFolder.path
        try Data().write(to: URL(fileURLWithPath: root + "/quiet.jsonl"))
        let report = try HSArchiveRunner.run(
            ["report", root + "/quiet.jsonl", "--out", root + "/Reports"], environment: environment)
        #expect(report.status == 0)
        #expect(try String(contentsOfFile: root + "/Reports/integrity.csv", encoding: .utf8).hasSuffix("total,0\n"))
        #expect(!report.errors.contains("warning"))
        let standardInput = try HSArchiveRunner.run(["verify", "-"], environment: environment, input: [])
        #expect(standardInput.status == 0)
        #expect(
            standardInput.errors.contains("warning: standard input was empty")
                && standardInput.errors.contains("set -o pipefail"))
    }

    /// Regression: `verify > /dev/full` was silent and exited 0 or 1. A closed pipe stays quiet.
    @Test(.temporaryFolder) func aWriteErrorOnStandardOutputIsReportedAndExitsTwo() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        for command in ["verify", "events"] {
            let full = try HSArchiveRunner.shell(
                "\"$HSARCHIVE\" \(command) \(archive) > /dev/full", environment: environment)
            #expect(full.status == 2, "\(command)")
            #expect(full.errors.contains("cannot write standard output: No space left on device"), "\(full.errors)")
            let closed = try HSArchiveRunner.shell(
                "\"$HSARCHIVE\" \(command) \(archive) | head -c 1 > /dev/null; echo \"${PIPESTATUS:-}\"",
                environment: environment)
            #expect(closed.errors.isEmpty, "\(command): \(closed.errors)")
        }
    }

    /// Regression: a file named `-dash.jsonl` was parsed as options (`-h` among them): help, exit 0,
    /// nothing verified.
    @Test(.temporaryFolder) func aFileNameStartingWithADashIsReadNotTakenForOptions() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try manager.copyItem(atPath: archive, toPath: root + "/-dash.jsonl")
        for arguments in [
            ["verify", "-dash.jsonl"], ["verify", "--", "-dash.jsonl"], ["verify", "--jobs", "1", "--", "-dash.jsonl"],
        ] {
            let result = try HSArchiveRunner.run(arguments, environment: environment, directory: root)
            #expect(result.status == 0, "\(arguments): \(result.errors)")
            #expect(
                result.output.hasSuffix(
                    "5 lines in 1 input: 5 verified, 0 duplicate, 0 forged, 0 unsigned, 0 malformed, 0 undecodable\n"))
        }
        for arguments in [["verify", "-mishap.jsonl"], ["verify", "--secret-fil", "x", archive]] {
            let result = try HSArchiveRunner.run(arguments, environment: environment, directory: root)
            #expect(result.status == 2, "\(arguments)")
            #expect(
                !result.output.contains("USAGE") && !result.errors.contains("OVERVIEW"),
                "\(arguments): help was printed")
            #expect(result.errors.contains("put -- before it"), "\(result.errors)")
        }
    }

    /// Regression: `verify - -` gave different counts from run to run: two readers of one input.
    @Test func standardInputTwiceIsAUsageError() throws {
        let result = try HSArchiveRunner.run(["verify", "-", "-"], environment: environment, input: Array("{}\n".utf8))
        #expect(result.status == 2)
        #expect(result.errors.contains("Standard input (-) can be read only once"))
    }

    /// Regression: a secret file saved with a byte-order mark made every delivery forged, silently.
    @Test(.temporaryFolder) func aSecretFileWithAByteOrderMarkStillVerifies() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try Data([0xEF, 0xBB, 0xBF] + Array((secret + "\r\n").utf8)).write(
            to: URL(fileURLWithPath: root + "/secret.txt"))
        chmod(root + "/secret.txt", 0o600)
        let result = try HSArchiveRunner.run(["verify", archive, "--secret-file", root + "/secret.txt"])
        #expect(result.status == 0)
        #expect(result.output.contains("5 verified"))
        try Data(Array(("\u{200B}" + secret + "\n").utf8)).write(to: URL(fileURLWithPath: root + "/secret.txt"))
        let invisible = try HSArchiveRunner.run(["verify", archive, "--secret-file", root + "/secret.txt"])
        #expect(
            invisible.errors.contains(
                "warning: the secret on line 1 of \(root)/secret.txt holds an invisible or control character"))
        #expect(!invisible.errors.contains(secret))
    }

    /// Regression: a corrupt later gzip member lost the lines of the intact members before it.
    @Test(.temporaryFolder) func linesOfIntactGzipMembersBeforeACorruptOneCount() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        var damaged = GzipDeflater.compress(
            Array(String(repeating: "{\"headers\":{},\"body\":\"{}\"}\n", count: 300).utf8))
        for index in (damaged.count / 2)..<(damaged.count / 2 + 16) { damaged[index] ^= 0x5A }
        try Data(try Data(contentsOf: URL(fileURLWithPath: archive)) + damaged).write(
            to: URL(fileURLWithPath: root + "/day.jsonl.gz"))
        let result = try HSArchiveRunner.run(["verify", root + "/day.jsonl.gz"], environment: environment)
        #expect(result.status == 2)
        #expect(result.output.contains(" 5 verified"), "\(result.output)")
        #expect(!result.errors.contains("day.jsonl.gz:1:"), "\(result.errors)")
        #expect(result.errors.contains("gzip stream is corrupt"))
    }
}
