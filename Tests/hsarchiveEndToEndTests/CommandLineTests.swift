import Foundation
import TestSupport
import Testing

@Suite struct CommandLineTests {
    let secret = "e2e-secret-Zq8wPz"

    /// Regression: a bare `hsarchive` and `hsarchive help bogus` printed help and exited 0, so a
    /// cron job with a broken command line looked like a success.
    @Test func aBareCommandAndHelpForAnUnknownSubcommandExitTwo() throws {
        for arguments in [[], ["help", "bogus"]] {
            let result = try HSArchiveRunner.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.output.isEmpty, "\(arguments)")
            #expect(
                result.errors.contains("the subcommands are report, verify, events, partial and merge"), "\(arguments)")
        }
        #expect(try HSArchiveRunner.run(["help", "verify"]).status == 0)
    }

    @Test func aMistypedSubcommandGetsTheNearestOne() throws {
        for (typed, meant) in [("verfy", "verify"), ("raport", "report"), ("Events", "events")] {
            let result = try HSArchiveRunner.run([typed, "archive.jsonl"])
            #expect(result.status == 2)
            #expect(
                result.errors.contains("there is no subcommand '\(typed)'; did you mean \(meant)?"), "\(result.errors)")
        }
        let far = try HSArchiveRunner.run(["summarise"])
        #expect(far.status == 2 && !far.errors.contains("did you mean"), "\(far.errors)")
    }

    /// `make install` writes the completions with the binary itself: the subcommand check must let
    /// the parser's own options through, as it does the help dump that the man page is made from.
    @Test func theSubcommandCheckLetsCompletionScriptsAndTheHelpDumpThrough() throws {
        for (shell, start) in [("bash", "#!/bin/bash"), ("zsh", "#compdef hsarchive"), ("fish", "function ")] {
            for arguments in [["--generate-completion-script", shell], ["--generate-completion-script=\(shell)"]] {
                let result = try HSArchiveRunner.run(arguments)
                #expect(result.status == 0 && result.errors.isEmpty, "\(arguments): \(result.errors)")
                #expect(result.output.hasPrefix(start) && result.output.contains("verify"), "\(arguments)")
            }
        }
        // Regression: no argument declared a completion kind, so bash and zsh offered no file names
        // for the archives and fish turned file completion off for hsarchive altogether.
        let zsh = try HSArchiveRunner.run(["--generate-completion-script", "zsh"]).output
        #expect(zsh.contains("'*:archive:_files'") && zsh.contains(":file:_files'") && zsh.contains(":dir:_files -/'"))
        let fish = try HSArchiveRunner.run(["--generate-completion-script", "fish"]).output
        #expect(fish.contains(" -F\n"), "\(fish)")
        let dump = try HSArchiveRunner.run(["--experimental-dump-help"])
        #expect(dump.status == 0 && dump.output.contains("\"commandName\" : \"verify\""), "\(dump.errors)")
    }

    /// `--quiet`: a clean run prints nothing but what was asked for (cron mails whatever is printed);
    /// a run that finds something still says so.
    @Test(.temporaryFolder) func quietRunsPrintNothingWhenAllIsWell() throws {
        let archive = HSArchiveRunner.cleanArchive(in: TemporaryFolder.path, secret: secret)
        let environment = ["HELPSCOUT_WEBHOOK_SECRET": secret]
        let verify = try HSArchiveRunner.run(["verify", "--quiet", archive], environment: environment)
        #expect(verify.status == 0 && verify.output.isEmpty && verify.errors.isEmpty, "\(verify)")
        let report = try HSArchiveRunner.run(
            ["report", "--quiet", archive, "--out", TemporaryFolder.path + "/Reports"], environment: environment)
        #expect(report.status == 0 && report.output.isEmpty && report.errors.isEmpty, "\(report)")
        let events = try HSArchiveRunner.run(["events", "--quiet", archive], environment: environment)
        #expect(events.status == 0 && events.errors.isEmpty, "\(events)")
        #expect(events.output.split(separator: "\n").count == 5)
        let loud = try HSArchiveRunner.run(["verify", archive], environment: environment)
        #expect(loud.output.hasPrefix("5 lines in 1 input"))

        let forged = try HSArchiveRunner.run([
            "verify", "--quiet", HSArchiveRunner.sampleArchive, "--secret-file", HSArchiveRunner.sampleSecrets,
        ])
        #expect(forged.status == 1)
        #expect(forged.output.contains(": forged: ") && forged.output.contains("2440 lines in 7 inputs"))
    }

    /// `verify --format json`: one JSON object per finding, the same findings as the text form, and
    /// nothing else on standard output (the summary goes to standard error).
    @Test func verifyAsJSONLinesListsTheFindingsOfTheTextForm() throws {
        let arguments = ["verify", HSArchiveRunner.sampleArchive, "--secret-file", HSArchiveRunner.sampleSecrets]
        let text = try HSArchiveRunner.run(arguments)
        let json = try HSArchiveRunner.run(arguments + ["--format", "json"])
        #expect(json.status == 1 && text.status == 1)
        #expect(json.errors.contains("2440 lines in 7 inputs"))
        let objects = try json.output.split(separator: "\n").map { line in
            try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let textLines = text.output.split(separator: "\n").dropLast().map(String.init)
        #expect(objects.count == textLines.count && objects.count == 33)
        for (object, line) in zip(objects, textLines) {
            let file = object["file"] as? String ?? "", number = object["line"] as? Int ?? 0
            let status = object["status"] as? String ?? "", reason = object["reason"] as? String ?? ""
            #expect(line == "\(file):\(number): \(status): \(reason)")
            #expect(Set(object.keys) == ["file", "line", "status", "reason", "delivery_id", "event_type"])
        }
        #expect(objects.contains { $0["delivery_id"] is String } && objects.contains { $0["delivery_id"] is NSNull })
    }

    @Test func versionPrintsTheVersionAndExitsZero() throws {
        let result = try HSArchiveRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "\(result.output)")
    }

    @Test(.temporaryFolder) func verifyExitsZeroWhenAllIsSigned() throws {
        let folder = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: folder, secret: secret)
        let result = try HSArchiveRunner.run(["verify", archive], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret])
        #expect(result.status == 0)
        #expect(
            result.output
                == "5 lines in 1 input: 5 verified, 0 duplicate, 0 forged, 0 unsigned, 0 malformed, 0 undecodable\n")
    }

    /// Regression: the findings were counted against the committed Reports/, not a run of this build.
    @Test(.temporaryFolder) func verifyExitsOneOnForgeriesAndListsEachLine() throws {
        let result = try HSArchiveRunner.run([
            "verify", HSArchiveRunner.sampleArchive, "--secret-file", HSArchiveRunner.sampleSecrets,
        ])
        #expect(result.status == 1)
        let findings = result.output.split(separator: "\n").dropLast()
        let report = try HSArchiveRunner.reportSampleData(into: TemporaryFolder.path + "/Reports")
        #expect(report.status == 0, "\(report.errors)")
        let audit = try String(contentsOfFile: TemporaryFolder.path + "/Reports/audit.csv", encoding: .utf8)
        #expect(findings.count == audit.split(separator: "\n").count - 1)
        #expect(findings.allSatisfy { $0.contains(".jsonl") && $0.contains(": ") })
        #expect(findings.contains { $0.contains(": forged: ") })
    }

    @Test(.temporaryFolder) func missingSecretUsageErrorsAndUnreadableInputsExitTwo() throws {
        let folder = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: folder, secret: secret)

        let noSecret = try HSArchiveRunner.run(["verify", archive])
        #expect(noSecret.status == 2)
        #expect(noSecret.errors.contains("HELPSCOUT_WEBHOOK_SECRET"))

        #expect(try HSArchiveRunner.run(["verify"], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret]).status == 2)
        #expect(try HSArchiveRunner.run(["frobnicate"]).status == 2)
        #expect(
            try HSArchiveRunner.run(
                ["verify", archive, "--jobs", "0"], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret]
            ).status == 2)
        #expect(try HSArchiveRunner.run(["verify", "--help"]).status == 0)
        // A negative count is a value, not an option: `--jobs -1` once read as "Missing value".
        let negativeJobs = try HSArchiveRunner.run(
            ["verify", archive, "--jobs", "-1"], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret])
        #expect(negativeJobs.status == 2)
        #expect(negativeJobs.errors.contains("--jobs must be at least 1"), "\(negativeJobs.errors)")

        // A missing input is named, and the others are still checked.
        let missing = try HSArchiveRunner.run(
            ["verify", folder + "/nope.jsonl", archive], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret])
        #expect(missing.status == 2)
        #expect(missing.errors.contains("nope.jsonl"))
        #expect(missing.output.contains("5 verified"))
    }

    @Test(.temporaryFolder) func aCutGzipIsNamedWithTheLineReachedAndExitsTwoEvenWithForgeries() throws {
        let folder = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: folder, secret: secret, count: 200)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: folder + "/cut.jsonl.gz"))
        let result = try HSArchiveRunner.run(
            ["verify", folder + "/cut.jsonl.gz", archive], environment: ["HELPSCOUT_WEBHOOK_SECRET": "other"])
        #expect(result.status == 2)
        #expect(result.errors.contains("cut.jsonl.gz:"))
        #expect(result.errors.contains("cut short"))
    }

    @Test(.temporaryFolder) func secretsAreNeverPrintedNorWritten() throws {
        let folder = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: folder, secret: secret)
        let secretFile = folder + "/secret.txt"
        try (secret + "\n").write(toFile: secretFile, atomically: true, encoding: .utf8)
        let runs = [
            try HSArchiveRunner.run(["verify", archive, "--secret-file", secretFile]),
            try HSArchiveRunner.run(["report", archive, "--secret-file", secretFile, "--out", folder + "/out"]),
            try HSArchiveRunner.run(["verify", archive], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret]),
            try HSArchiveRunner.run(["verify", archive, "--secret-file", folder + "/missing-secret"]),
        ]
        for run in runs {
            #expect(!run.output.contains(secret) && !run.errors.contains(secret))
        }
        #expect(runs[0].errors.contains("can be read by other users"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder + "/out").filter { $0.contains(".") }
        #expect(files.contains("charts/volume.svg"))
        for file in files {
            #expect(!(try String(contentsOfFile: folder + "/out/" + file, encoding: .utf8)).contains(secret))
        }
    }

    @Test(.temporaryFolder) func standardInputIsReadAsDash() throws {
        let folder = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: folder, secret: secret)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: archive)))
        let result = try HSArchiveRunner.run(
            ["verify", "-"], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret], input: bytes)
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("5 lines in 1 input: 5 verified"))
    }
}
