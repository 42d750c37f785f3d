import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

/// `summary.json`, `--summary-json` and `--metrics-file`: what a nightly job and an auditor read.
@Suite struct RunRecordTests {
    let secret = "run-record-secret"
    var environment: [String: String] { ["HELPSCOUT_WEBHOOK_SECRET": secret] }

    func json(_ path: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// `name{labels} value` lines of a Prometheus text file, comments left out.
    func samples(_ path: String) throws -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#")
        {
            let parts = line.split(separator: " ")
            #expect(parts.count == 2, "\(line)")
            samples[String(parts[0])] = Double(parts[1])
        }
        return samples
    }

    func shell(_ command: String) throws -> String {
        try HSArchiveRunner.shell(command, directory: HSArchiveRunner.repositoryRoot).output
    }

    @Test(.temporaryFolder) func theSummaryAndTheMetricsFileAgreeWithIntegrityCSV() throws {
        let out = TemporaryFolder.path + "/Reports"
        let summaryFile = TemporaryFolder.path + "/summary.json", metricsFile = TemporaryFolder.path + "/hs.prom"
        let before = Date().timeIntervalSince1970
        let result = try HSArchiveRunner.run(
            [
                "report", "sample-data/archive", "--secret-file", "sample-data/webhook-secrets.txt", "--out", out,
                "--summary-json", summaryFile, "--metrics-file", metricsFile,
            ], directory: HSArchiveRunner.repositoryRoot)
        #expect(result.status == 0, "\(result.errors)")
        let summary = try json(out + "/summary.json")
        #expect(summary["schema_version"] as? Int == 1 && summary["tool"] as? String == "hsarchive")
        #expect(summary["command"] as? String == "report" && summary["exit_status"] as? Int == 0)

        // The statuses are integrity.csv's rows, total included.
        let integrity = try String(contentsOfFile: out + "/integrity.csv", encoding: .utf8)
        var counts: [String: Int] = [:]
        for row in integrity.split(separator: "\n").dropFirst() {
            let cells = row.split(separator: ",")
            counts[String(cells[0])] = Int(cells[1])
        }
        #expect(counts.count == 7)
        #expect(summary["statuses"] as? [String: Int] == counts)
        #expect(summary["verified_events"] as? Int == counts["verified"])
        #expect(result.errors.contains("; \(summary["conversations"] as? Int ?? -1) conversations;"))
        #expect(summary["first_event_at"] as? String == "2026-10-05T00:32:07.218Z")

        // Each input: its SHA-256, size and lines as the system's tools count them.
        let inputs = try #require(summary["inputs"] as? [[String: Any]])
        #expect(inputs.count == 7)
        for input in inputs {
            let path = try #require(input["path"] as? String)
            let sha256 = try shell("sha256sum '\(path)' | cut -c1-64").trimmingCharacters(in: .whitespacesAndNewlines)
            let bytes = try shell("stat -c %s '\(path)'").trimmingCharacters(in: .whitespacesAndNewlines)
            // awk counts a last line without a newline too, as hsarchive does (2026-10-07.jsonl has one).
            let lines = try shell("zcat -f '\(path)' | awk 'END { print NR }'").trimmingCharacters(
                in: .whitespacesAndNewlines)
            #expect(input["sha256"] as? String == sha256, "\(path)")
            #expect(input["bytes"] as? Int == Int(bytes) && input["lines"] as? Int == Int(lines), "\(path)")
            #expect(input["complete"] as? Bool == true && input["error"] is NSNull)
        }

        // One key per secret line, named by its SHA-256's first 16 hex digits, never the secret.
        let keys = try #require(summary["keys"] as? [[String: Any]])
        let secrets = try String(contentsOfFile: HSArchiveRunner.sampleSecrets, encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let ids = try secrets.map {
            try shell("printf %s '\($0)' | sha256sum | cut -c1-16").trimmingCharacters(in: .newlines)
        }
        #expect(keys.map { $0["key_id"] as? String } == ids)
        let matched = keys.compactMap { $0["signatures_matched"] as? Int }
        #expect(matched.count == 2 && matched.allSatisfy { $0 > 0 })
        #expect(matched.reduce(0, +) >= counts["verified"]! + counts["duplicate"]!)
        let text = try String(contentsOfFile: out + "/summary.json", encoding: .utf8)
        let metricsText = try String(contentsOfFile: metricsFile, encoding: .utf8)
        for secret in secrets { #expect(!text.contains(secret) && !metricsText.contains(secret)) }
        #expect(summary["stopped"] is NSNull)

        // --summary-json writes the same object; only the finish time and duration may differ.
        var copy = try json(summaryFile), folder = summary
        for key in ["finished_at", "duration_seconds"] {
            copy[key] = nil
            folder[key] = nil
        }
        #expect(NSDictionary(dictionary: copy).isEqual(to: folder))

        // events counts the conversations too, from every verified event, printed or not.
        let events = try HSArchiveRunner.run(
            [
                "events", "sample-data/archive", "--secret-file", "sample-data/webhook-secrets.txt", "--type",
                "convo.moved", "--summary-json", summaryFile,
            ], directory: HSArchiveRunner.repositoryRoot)
        #expect(events.status == 0)
        #expect(try json(summaryFile)["conversations"] as? Int == summary["conversations"] as? Int)

        // The metrics file: the same counts, a success, a time of this run.
        let metrics = try samples(metricsFile)
        for (status, count) in counts where status != "total" {
            #expect(
                metrics["hsarchive_lines_total{command=\"report\",status=\"\(status)\"}"] == Double(count), "\(status)")
        }
        #expect(metrics["hsarchive_last_run_success{command=\"report\"}"] == 1)
        let finished = try #require(metrics["hsarchive_last_run_timestamp_seconds{command=\"report\"}"])
        #expect(finished >= before.rounded(.down) && finished <= Date().timeIntervalSince1970 + 1)
        #expect(metrics["hsarchive_last_run_inputs{command=\"report\",complete=\"true\"}"] == 7)
        #expect(
            metrics["hsarchive_last_run_key_signatures_matched{command=\"report\",key_id=\"\(ids[0])\"}"]
                == Double(matched[0]))
    }

    /// The record is written however the run ends: a forged line (exit 1) and an input cut short
    /// (exit 2) are in it, and the metrics file says the run failed.
    @Test(.temporaryFolder) func aFailedVerifyStillLeavesItsSummaryAndMetrics() throws {
        let root = TemporaryFolder.path
        let good = DeliveryLine.signed(
            "{\"id\":7,\"createdAt\":\"2026-10-05T10:00:00Z\"}", secret: secret, event: "convo.created", id: "a")
        let forged = DeliveryLine.signed(
            "{\"id\":8,\"createdAt\":\"2026-10-05T11:00:00Z\"}", secret: "other", event: "convo.created", id: "b")
        try (good.serialized() + "\n" + forged.serialized() + "\n").write(
            toFile: root + "/a.jsonl", atomically: true, encoding: .utf8)
        let gzip = GzipDeflater.compress(Array((good.serialized() + "\n").utf8))
        try Data(gzip.prefix(gzip.count - 10)).write(to: URL(fileURLWithPath: root + "/cut.jsonl.gz"))
        let result = try HSArchiveRunner.run(
            ["verify", "a.jsonl", "--summary-json", "s.json", "--metrics-file", "m.prom"],
            environment: environment, directory: root)
        #expect(result.status == 1)
        var summary = try json(root + "/s.json")
        #expect(summary["exit_status"] as? Int == 1 && summary["command"] as? String == "verify")
        #expect((summary["statuses"] as? [String: Int])?["forged"] == 1)
        // verify decodes statuses alone: the conversations and the period are not known, and say so
        // (a bare body's time may then come from receivedAt, so a period would differ from report's).
        #expect(summary["conversations"] is NSNull)
        #expect(summary["first_event_at"] is NSNull && summary["last_event_at"] is NSNull)
        #expect(try samples(root + "/m.prom")["hsarchive_last_run_success{command=\"verify\"}"] == 0)

        let cut = try HSArchiveRunner.run(
            ["events", "cut.jsonl.gz", "--summary-json", "s.json", "--metrics-file", "m.prom"],
            environment: environment, directory: root)
        #expect(cut.status == 2)
        summary = try json(root + "/s.json")
        let input = try #require((summary["inputs"] as? [[String: Any]])?.first)
        #expect(input["complete"] as? Bool == false && (input["error"] as? String)?.isEmpty == false)
        #expect(summary["exit_status"] as? Int == 2)
        let metrics = try samples(root + "/m.prom")
        #expect(metrics["hsarchive_last_run_inputs{command=\"events\",complete=\"false\"}"] == 1)
        #expect(metrics["hsarchive_last_run_exit_status{command=\"events\"}"] == 2)

        // A run that stops before reading (here: no secret) is recorded too.
        let noSecret = try HSArchiveRunner.run(
            ["report", "a.jsonl", "--summary-json", "s.json", "--metrics-file", "m.prom"], directory: root)
        #expect(noSecret.status == 2)
        summary = try json(root + "/s.json")
        #expect(summary["exit_status"] as? Int == 2 && (summary["inputs"] as? [Any])?.isEmpty == true)
        #expect(try samples(root + "/m.prom")["hsarchive_last_run_success{command=\"report\"}"] == 0)
    }

    /// hsarchive replaces only a summary or metrics file it wrote: anything else at that path is
    /// refused before any input is read, and left as it was.
    @Test(.temporaryFolder) func aFileHsarchiveDidNotWriteIsNeverReplacedBySummaryOrMetrics() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try "precious notes\n".write(toFile: root + "/notes.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: root + "/link.prom", withDestinationPath: root + "/notes.txt")
        FileManager.default.createFile(atPath: root + "/empty.json", contents: Data())
        for option in ["--summary-json", "--metrics-file"] {
            for target in ["notes.txt", "link.prom", "missing-folder/x", "empty.json", "new/", "."] {
                let result = try HSArchiveRunner.run(
                    ["report", archive, "--out", "Reports", option, target], environment: environment, directory: root)
                #expect(result.status == 2, "\(option) \(target)")
                #expect(result.errors.contains(target), "\(result.errors)")
                #expect(!FileManager.default.fileExists(atPath: root + "/Reports"), "read inputs before refusing")
            }
        }
        #expect(try String(contentsOfFile: root + "/notes.txt", encoding: .utf8) == "precious notes\n")
        // Its own files it replaces, leaving nothing else behind.
        for _ in 0..<2 {
            let result = try HSArchiveRunner.run(
                ["verify", archive, "--summary-json", "s.json", "--metrics-file", "m.prom"], environment: environment,
                directory: root)
            #expect(result.status == 0, "\(result.errors)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        #expect(names == ["clean.jsonl.gz", "empty.json", "link.prom", "m.prom", "notes.txt", "s.json"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/empty.json")).isEmpty)
    }

    /// Regression: two spellings of one file passed the check, and the second write was refused
    /// after the whole run; a file inside --out made every later report fail (the folder then held
    /// a file that is not part of a report). Both are refused before any input is read.
    @Test(.temporaryFolder) func oneFileTwiceOrAFileInsideTheReportFolderIsRefused() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        let same = try HSArchiveRunner.run(
            ["verify", archive, "--summary-json", "same", "--metrics-file", "./same"], environment: environment,
            directory: root)
        #expect(same.status == 2 && same.errors.contains("name the same file"), "\(same.errors)")
        #expect(!FileManager.default.fileExists(atPath: root + "/same"))
        let first = try HSArchiveRunner.run(
            ["report", archive, "--out", "R"], environment: environment, directory: root)
        #expect(first.status == 0)
        let inside = try HSArchiveRunner.run(
            ["report", archive, "--out", "R", "--metrics-file", "./R/../R/hs.prom"], environment: environment,
            directory: root)
        #expect(inside.status == 2 && inside.errors.contains("inside a report folder"), "\(inside.errors)")
        #expect(!FileManager.default.fileExists(atPath: root + "/R/hs.prom"))
        let dash = try HSArchiveRunner.run(["verify", archive, "--summary-json", "-"], environment: environment)
        #expect(dash.status == 2 && dash.errors.contains("standard output"))
        // Regression: verify and events could replace a report's summary.json (it bears the mark)
        // or put a file into a report folder, which the next report then refused.
        let reportSummary = try Data(contentsOf: URL(fileURLWithPath: root + "/R/summary.json"))
        for target in ["R/summary.json", "R/v.json"] {
            let verify = try HSArchiveRunner.run(
                ["verify", archive, "--summary-json", target], environment: environment, directory: root)
            #expect(verify.status == 2 && verify.errors.contains("inside a report folder"), "\(verify.errors)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: root + "/R/summary.json")) == reportSummary)
        #expect(!FileManager.default.fileExists(atPath: root + "/R/v.json"))
    }

    /// Regression: one file refused, the other was not written either, so the metrics kept the
    /// last run's success. The one that may be written now records the failure.
    @Test(.temporaryFolder) func aRefusedSummaryStillLetsTheMetricsRecordTheFailure() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        let first = try HSArchiveRunner.run(
            ["verify", archive, "--metrics-file", "m.prom"], environment: environment, directory: root)
        let firstMetrics = try samples(root + "/m.prom")
        #expect(first.status == 0 && firstMetrics["hsarchive_last_run_success{command=\"verify\"}"] == 1)
        try "notes\n".write(toFile: root + "/notes.txt", atomically: true, encoding: .utf8)
        let refused = try HSArchiveRunner.run(
            ["verify", archive, "--metrics-file", "m.prom", "--summary-json", "notes.txt"], environment: environment,
            directory: root)
        #expect(refused.status == 2 && refused.errors.contains("does not hold hsarchive's mark"), "\(refused.errors)")
        #expect(try samples(root + "/m.prom")["hsarchive_last_run_success{command=\"verify\"}"] == 0)
        #expect(try String(contentsOfFile: root + "/notes.txt", encoding: .utf8) == "notes\n")
    }

    /// Regression: a run that ended early (the reader of the output gone, a full disk, a signal)
    /// exited without writing its record, so monitoring kept the previous run's success.
    @Test(.temporaryFolder) func aRunThatEndsEarlyStillRecordsHowItEnded() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret, count: 3000)
        let options = "--summary-json s.json --metrics-file m.prom"
        // The shell's status is head's; the record gives hsarchive's.
        let cases: [(script: String, status: Int, stopped: String)] = [
            ("\"$HSARCHIVE\" events \(archive) \(options) | head -c 10 > /dev/null", 0, "went away"),
            ("\"$HSARCHIVE\" verify \(archive) \(options) > /dev/full", 2, "cannot write"),
        ]
        for (script, status, stopped) in cases {
            let result = try HSArchiveRunner.shell(script, environment: environment, directory: root)
            let summary = try json(root + "/s.json")
            #expect(summary["exit_status"] as? Int == status, "\(script): \(result.errors)")
            #expect((summary["stopped"] as? String)?.contains(stopped) == true, "\(summary)")
            let command = summary["command"] as? String ?? ""
            #expect(
                try samples(root + "/m.prom")["hsarchive_last_run_exit_status{command=\"\(command)\"}"]
                    == Double(status))
            try FileManager.default.removeItem(atPath: root + "/s.json")
        }
        #expect(try HSArchiveRunner.shell(cases[1].script, environment: environment, directory: root).status == 2)
        // A signal: the run waits to open a FIFO no one writes to, and is ended by SIGTERM.
        #expect(mkfifo(root + "/fifo", 0o600) == 0)
        let pid = try #require(
            HSArchiveRunner.spawn(
                HSArchiveRunner.binary,
                [
                    "hsarchive", "verify", root + "/fifo", "--summary-json", root + "/s.json", "--metrics-file",
                    root + "/m.prom",
                ],
                environment: ["HELPSCOUT_WEBHOOK_SECRET=\(secret)"]))
        usleep(300_000)
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(status == 143 << 8, "\(status)")
        let summary = try json(root + "/s.json")
        #expect(summary["exit_status"] as? Int == 143 && summary["stopped"] as? String == "interrupted by signal 15")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.contains("tmp") }.isEmpty)
    }

    /// A record that cannot be written makes the exit status 2, even over a 1 (forgeries found): a
    /// job that reads 1 as "forgeries" must not miss that its metrics are stale. The temporary file
    /// is removed.
    @Test(.temporaryFolder) func aRecordThatCannotBeWrittenExitsTwoAndLeavesNoTemporaryFile() throws {
        let root = TemporaryFolder.path
        let forged = DeliveryLine.signed("{\"id\":8}", secret: "other", event: "convo.created", id: "b")
        try (forged.serialized() + "\n").write(toFile: root + "/a.jsonl", atomically: true, encoding: .utf8)
        // A file-size limit of zero makes every write fail with EFBIG, after the checks passed.
        let result = try HSArchiveRunner.shell(
            "ulimit -f 0; \"$HSARCHIVE\" verify a.jsonl --summary-json s.json > /dev/null", environment: environment,
            directory: root)
        #expect(result.status == 2, "\(result.errors)")
        #expect(result.errors.contains("cannot write"), "\(result.errors)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["a.jsonl"])
    }
}
