import CPlatform
import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

/// Faults while a report is written (a full disk, signals, a race with the swap, a killed run, a
/// mount point, a folder that cannot be written) leave the previous report as it was and nothing
/// behind.
@Suite struct ReportFolderFaultTests: ReportFolderChecks {
    /// Regression: a write error while `audit.csv` streamed (a full disk) left `DIR.partial-PID`
    /// behind with two jobs. A file-size limit makes the same write error.
    @Test(.temporaryFolder) func aWriteErrorWhileTheAuditStreamsLeavesThePreviousReportAndNothingElse() throws {
        let (root, _, out, previous) = try previousReport()
        let unsigned =
            (0..<20_000).map { "{\"id\":\"dlv_\($0)\",\"headers\":{},\"body\":\"{}\"}" }.joined(separator: "\n") + "\n"
        try unsigned.write(toFile: root + "/unsigned.jsonl", atomically: true, encoding: .utf8)
        for jobs in [1, 2] {
            let result = try HSArchiveRunner.shell(
                "ulimit -f 128; exec \"$HSARCHIVE\" report unsigned.jsonl --out Reports --jobs \(jobs)",
                environment: environment, directory: root)
            #expect(result.status == 2, "jobs \(jobs)")
            #expect(result.errors.contains("cannot write Reports/audit.csv: File too large"), "\(result.errors)")
            #expect(result.errors.contains("the previous report in Reports, if any, is unchanged"))
            #expect(snapshot(out) == previous)
            #expect(leftovers(in: root).isEmpty, "jobs \(jobs): \(leftovers(in: root))")
        }
    }

    /// Regression: SIGTERM in the first milliseconds left an empty `DIR.partial-PID`: the handler
    /// was installed after the staging folder was created. Here the signal goes the moment the
    /// staging folder appears, from a thread that shares one core with the run (at a lower
    /// priority, so the run makes almost no progress past that moment: the old code left its
    /// folder every time), then at moments through start-up and the run.
    @Test(.temporaryFolder) func aSignalAtAnyMomentLeavesThePreviousReportAndNothingElse() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret, count: 2000)
        let out = root + "/Reports"
        #expect(
            try HSArchiveRunner.run(
                ["report", HSArchiveRunner.cleanArchive(in: root, secret: secret, count: 3), "--out", out],
                environment: environment
            ).status == 0)
        let previous = snapshot(out)
        let watchStaging: @Sendable (pid_t) -> Void = { pid in
            var status = stat()
            let deadline = Date().addingTimeInterval(10)
            // (Earlier versions named it DIR.partial-PID.)
            while stat("\(out).hsarchive-partial-\(pid)", &status) != 0 && stat("\(out).partial-\(pid)", &status) != 0
                && Date() < deadline
            {}
        }
        let moments: [@Sendable (pid_t) -> Void] =
            Array(repeating: watchStaging, count: 8)
            + [0, 500, 1000, 2000, 3000, 5000, 8000, 12_000, 20_000, 50_000].map { (delay: useconds_t) in
                { _ in usleep(delay) }
            }
        for (index, moment) in moments.enumerated() {
            let outcome = Outcome()
            // Spawned straight from a thread bound to one core, which then waits for the moment.
            let signaller = Thread {
                _ = hs_bind_thread_to_cpu(0)
                let arguments = ["nice", "-n", "10", HSArchiveRunner.binary, "report", archive, "--out", out]
                guard
                    let pid = HSArchiveRunner.spawn(
                        "/usr/bin/nice", arguments,
                        environment: ["HELPSCOUT_WEBHOOK_SECRET=\(secret)", "PATH=/usr/bin:/bin"])
                else { return }
                moment(pid)
                kill(pid, SIGTERM)
                waitpid(pid, &outcome.status, 0)
            }
            signaller.start()
            while !signaller.isFinished { usleep(1000) }
            #expect(
                outcome.status == 0 || outcome.status == 143 << 8 || outcome.status == SIGTERM,
                "moment \(index): \(outcome.status)")
            // The previous report or a whole new one, which differs only in summary.json's times.
            #expect(reportFiles(out) == previous.filter { $0.key != "summary.json" }, "moment \(index)")
            let summary = snapshot(out)["summary.json"] ?? Data()
            #expect((try? JSONSerialization.jsonObject(with: summary)) != nil, "moment \(index)")
            #expect(leftovers(in: root).isEmpty, "moment \(index): \(leftovers(in: root))")
        }
    }

    /// A file that appears in the report folder between its last check and the swap puts the
    /// previous report back in place (found by delaying the swap's system call with strace; the
    /// first version moved the file out with the old report and exited 0).
    /// Also inside `charts/`, which the check once passed over (a second reading found it).
    @Test(
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")), .temporaryFolder,
        arguments: ["notes.txt", "charts/notes.txt"])
    func aFileAppearingJustBeforeTheSwapKeepsThePreviousReport(_ file: String) throws {
        let (root, archive, out, previous) = try previousReport()
        let script =
            "exec strace -f -qq -o /dev/null -e trace=renameat2 -e inject=renameat2:delay_enter=1500000 \"$HSARCHIVE\" report \(archive) --out \(out)"
        let running = try HSArchiveRunner.Running(
            ["-c", script], environment: environment.merging(["HSARCHIVE": HSArchiveRunner.binary]) { $1 },
            executable: "/bin/sh")
        // The manifest is the last file staged before the swap.
        let deadline = Date().addingTimeInterval(20)
        while !contents(root).contains(where: {
            $0.hasPrefix("Reports.hsarchive-partial-")
                && manager.fileExists(atPath: "\(root)/\($0)/.hsarchive-manifest")
        })
            && Date() < deadline
        { usleep(2000) }
        usleep(100_000)
        try "mine".write(toFile: out + "/" + file, atomically: false, encoding: .utf8)
        let result = try running.finish()
        #expect(result.status == 2, "\(result.errors)")
        #expect(
            result.errors.contains("appeared in \(out) while the report was being written (\(file))"),
            "\(result.errors)")
        #expect(snapshot(out).filter { $0.key != file } == previous)
        #expect(try String(contentsOfFile: out + "/" + file, encoding: .utf8) == "mine")
        #expect(leftovers(in: root).isEmpty, "\(leftovers(in: root))")
    }

    /// A signal the run was started with ignored (`nohup`, `&` in a script) stays ignored: blocking
    /// it for the signal thread must not make it end the run.
    @Test func aSignalIgnoredAtStartStaysIgnored() throws {
        let running = try HSArchiveRunner.Running(
            ["-c", "trap '' HUP INT; exec \"$HSARCHIVE\" verify -"],
            environment: environment.merging(["HSARCHIVE": HSArchiveRunner.binary]) { $1 },
            executable: "/bin/sh")
        usleep(300_000)
        kill(running.process.processIdentifier, SIGHUP)
        kill(running.process.processIdentifier, SIGINT)
        #expect(!running.ended(within: 0.5))
        let result = try running.finish()
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("standard input was empty"))
    }

    /// Regression: the staging folder of a SIGKILLed run was never removed. The next run removes
    /// one whose process is gone when it is marked as hsarchive's and holds only report files, and
    /// nothing else (not a user's backup named like one).
    @Test(.temporaryFolder) func aKilledRunsStagingFolderIsSweptByTheNextRun() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret, count: 3000)
        let out = root + "/Reports"
        let running = try HSArchiveRunner.Running(
            ["report", archive, "--out", out, "--jobs", "1"], environment: environment)
        usleep(100_000)
        kill(running.process.processIdentifier, SIGKILL)
        _ = try running.finish()
        // A dead run's staging folder, whether or not the kill above came in time, and one that
        // holds a file hsarchive did not write.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        for (name, files) in [
            ("Reports.hsarchive-partial-\(gone.processIdentifier)", ["audit.csv", "report.md", "charts/volume.svg"]),
            ("Reports.hsarchive-partial-1", ["audit.csv"]), ("Reports.hsarchive-partial-999999999", ["notes.txt"]),
            ("Reports.hsarchive-partial-999999998", ["audit.csv", "charts/notes.txt"]),
            ("Reports.partial-20240131", ["integrity.csv", "report.md"]),
        ] {
            try manager.createDirectory(atPath: root + "/" + name + "/charts", withIntermediateDirectories: true)
            for file in files { try "x".write(toFile: root + "/\(name)/\(file)", atomically: true, encoding: .utf8) }
        }
        #expect(try HSArchiveRunner.run(["report", archive, "--out", out], environment: environment).status == 0)
        // PID 1 is alive; a folder with a foreign file, in it or in its charts, or a backup named
        // otherwise, is not hsarchive's.
        #expect(
            leftovers(in: root) == [
                "Reports.hsarchive-partial-1", "Reports.hsarchive-partial-999999998",
                "Reports.hsarchive-partial-999999999",
                "Reports.partial-20240131",
            ])
        #expect(manager.fileExists(atPath: root + "/Reports.hsarchive-partial-999999998/charts/notes.txt"))
    }

    /// Regression: a mount point could not be `--out` at all: the rename failed with EBUSY after
    /// the whole run. Its files are now replaced one by one. Needs a private mount namespace
    /// (root, or a user namespace); skipped where `unshare` cannot make one.
    @Test(.enabled(if: ReportFolderFaultTests.canMount), .temporaryFolder)
    func aMountPointCanBeTheReportFolder() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try manager.createDirectory(atPath: root + "/mnt", withIntermediateDirectories: true)
        let script = """
            mount -t tmpfs none mnt || exit 99
            "$HSARCHIVE" report \(archive) --out mnt || exit 11
            "$HSARCHIVE" report \(archive) --out mnt/ || exit 12
            ls -A mnt
            echo x > mnt/mine.txt
            "$HSARCHIVE" report \(archive) --out mnt; echo "refused $?"
            cat mnt/mine.txt
            """
        let result = try HSArchiveRunner.shell(
            "exec unshare -m sh -c '\(script)'", environment: environment, directory: root)
        #expect(result.status == 0, "\(result.errors)")
        #expect(
            result.output == """
                .hsarchive-lock
                .hsarchive-manifest
                agent_assignments.csv
                assignment_churn.csv
                audit.csv
                busiest_hours.csv
                charts
                csat.csv
                events.csv
                headline.csv
                integrity.csv
                report.html
                report.md
                response_buckets.csv
                response_times.csv
                summary.json
                tags.csv
                refused 2
                x

                """)
    }

    /// Whether `unshare` can make a private mount namespace here. The probe removes its folder (it
    /// once left an empty `mktemp -d` folder in /tmp at every run).
    static var canMount: Bool {
        let probe = "d=$(mktemp -d) && mount -t tmpfs none \"$d\" && umount \"$d\"; s=$?; rmdir \"$d\"; exit $s"
        return (try? HSArchiveRunner.shell("unshare -m sh -c '\(probe)'").status) == 0
    }

    /// Regression: writability was found out after the whole run. A folder that cannot be made
    /// now stops the run before it reads its input (standard input is left open here).
    @Test func aFolderThatCannotBeWrittenStopsTheRunBeforeAnyInputIsRead() throws {
        for out in ["/proc/hsarchive-test/Reports", "/proc/Reports"] {
            let running = try HSArchiveRunner.Running(["report", "-", "--out", out], environment: environment)
            #expect(running.ended(within: 20), "--out \(out)")
            let result = try running.finish()
            #expect(result.status == 2)
            #expect(result.errors.contains(out) && result.errors.contains("give"), "\(result.errors)")
        }
    }
}
