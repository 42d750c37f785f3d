import CPlatform
import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

/// `report --out` never deletes or changes what hsarchive did not write, and a failed or
/// interrupted run leaves the previous report as it was and nothing behind.
@Suite struct ReportFolderSafetyTests {
    let secret = "folder-secret"
    var environment: [String: String] { ["HELPSCOUT_WEBHOOK_SECRET": secret] }
    let manager = FileManager.default

    func contents(_ folder: String) -> [String] { ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted() }

    func snapshot(_ folder: String) -> [String: Data] {
        Dictionary(
            uniqueKeysWithValues: contents(folder).map {
                ($0, (try? Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))) ?? Data())
            })
    }

    func leftovers(in folder: String) -> [String] {
        contents(folder).filter { $0.contains("partial-") || $0.contains(".previous-") }
    }

    /// The test's temporary folder with a clean archive and a first report of it in `Reports/`, and
    /// that report's files.
    func previousReport() throws -> (root: String, archive: String, out: String, previous: [String: Data]) {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        let out = root + "/Reports"
        #expect(try HSArchiveRunner.run(["report", archive, "--out", out], environment: environment).status == 0)
        return (root, archive, out, snapshot(out))
    }

    /// Regression: `report d/archive --out d` renamed `d` aside and removed it recursively, with the
    /// archive and every other file in it.
    @Test(.temporaryFolder) func outNamingTheArchivesFolderNoLongerDeletesIt() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try "mine".write(toFile: root + "/notes.txt", atomically: true, encoding: .utf8)
        let before = snapshot(root)
        for arguments in [[archive, "--out", root], [root, "--out", root], [archive, "--out", root + "/"]] {
            let result = try HSArchiveRunner.run(["report"] + arguments, environment: environment)
            #expect(result.status == 2, "\(arguments)")
            #expect(
                result.errors.contains("--out \(root)") && result.errors.contains("holds the input"), "\(result.errors)"
            )
            #expect(snapshot(root) == before)
        }
    }

    /// Regression: `--out "$PWD"` emptied the working directory; `--out some/folder` deleted
    /// unrelated files there.
    @Test(.temporaryFolder) func outNamingAFolderOfOtherFilesIsRefusedBeforeAnyInputIsRead() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try manager.createDirectory(atPath: root + "/work/docs", withIntermediateDirectories: true)
        try "keep".write(toFile: root + "/work/Makefile", atomically: true, encoding: .utf8)
        try "keep".write(toFile: root + "/work/docs/report.md", atomically: true, encoding: .utf8)
        let before = snapshot(root + "/work")
        let cases = [
            (
                directory: root, out: "work",
                says: "--out work holds files that are not an hsarchive report (Makefile, docs)"
            ),
            (root, root + "/work/", "--out \(root)/work holds files that are not an hsarchive report (Makefile, docs)"),
            (root, "work/docs/..", "--out work/docs/.. holds files that are not an hsarchive report (Makefile, docs)"),
            // The working directory is never the report folder, even when it holds nothing else.
            (root + "/work", ".", "--out . is the working directory or holds it"),
            (root + "/work", root + "/work", "--out \(root)/work is the working directory or holds it"),
            (root + "/work/docs", "..", "--out .. is the working directory or holds it"),
        ]
        for (directory, out, says) in cases {
            // Standard input stays open: a run that read its inputs first would never end.
            let running = try HSArchiveRunner.Running(
                ["report", "-", "--out", out], environment: environment, directory: directory)
            #expect(running.ended(within: 20), "--out \(out) read its input before checking the folder")
            let result = try running.finish()
            #expect(result.status == 2)
            #expect(result.errors.contains(says), "\(result.errors)")
            #expect(snapshot(root + "/work") == before)
        }
        // The same archive into a new folder beside them is fine.
        #expect(
            try HSArchiveRunner.run(["report", archive, "--out", root + "/work/Reports"], environment: environment)
                .status == 0)
        #expect(
            snapshot(root + "/work").filter { $0.key != "Reports" && $0.key != ".Reports.hsarchive-lock" } == before)
    }

    @Test(.temporaryFolder) func emptyFoldersAndReportFoldersOfOlderVersionsAreReplaced() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try manager.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: root + "/old", withIntermediateDirectories: true)
        for name in ["integrity.csv", "report.md", "tags.csv", "audit.csv"] {
            try "old".write(toFile: root + "/old/" + name, atomically: true, encoding: .utf8)
        }
        for out in ["empty", "old"] {
            let first = try HSArchiveRunner.run(
                ["report", archive, "--out", root + "/" + out], environment: environment)
            #expect(first.status == 0, "\(first.errors)")
            #expect(contents(root + "/" + out).contains(".hsarchive-manifest"))
            #expect(try String(contentsOfFile: root + "/\(out)/integrity.csv", encoding: .utf8).contains("verified,5"))
        }
        // Two runs on the same inputs give byte-identical folders, the manifest included.
        let first = snapshot(root + "/old")
        #expect(
            try HSArchiveRunner.run(["report", archive, "--out", root + "/old"], environment: environment).status == 0)
        #expect(snapshot(root + "/old") == first)
        #expect(leftovers(in: root).isEmpty)
    }

    /// Regression: a symbolic link as `--out` (`Reports -> www/reports`) was replaced by a real
    /// folder, and the link's target kept the stale report.
    @Test(.temporaryFolder) func aSymbolicLinkAsOutIsWrittenThroughAndStaysALink() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try manager.createDirectory(atPath: root + "/www/reports", withIntermediateDirectories: true)
        try manager.createSymbolicLink(atPath: root + "/Reports", withDestinationPath: "www/reports")
        for _ in 0..<2 {
            let result = try HSArchiveRunner.run(
                ["report", archive, "--out", "Reports"], environment: environment, directory: root)
            #expect(result.status == 0, "\(result.errors)")
            #expect(try manager.destinationOfSymbolicLink(atPath: root + "/Reports") == "www/reports")
            #expect(contents(root + "/www/reports").contains("integrity.csv"))
        }
        try manager.createSymbolicLink(atPath: root + "/Dangling", withDestinationPath: "www/missing")
        let dangling = try HSArchiveRunner.run(
            ["report", archive, "--out", "Dangling"], environment: environment, directory: root)
        #expect(dangling.status == 2)
        #expect(dangling.errors.contains("--out Dangling is a symbolic link to www/missing, which does not exist"))
        #expect(try manager.destinationOfSymbolicLink(atPath: root + "/Dangling") == "www/missing")
        #expect(leftovers(in: root).isEmpty && leftovers(in: root + "/www").isEmpty)
    }

    /// Regression: with six runs at once into the same `--out`, some exited 2 and left
    /// `DIR.previous-PID` folders behind, and a reader could find the folder missing or without
    /// `integrity.csv` between two renames.
    @Test(.temporaryFolder) func concurrentRunsWaitForEachOtherAndReadersAlwaysSeeAWholeReport() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret, count: 300)
        let out = root + "/Reports"
        #expect(try HSArchiveRunner.run(["report", archive, "--out", out], environment: environment).status == 0)
        let expected = snapshot(out)
        let stop = ManagedAtomicFlag()
        let glimpses = Glimpses()
        let reader = Thread {
            while !stop.isSet {
                var status = stat()
                let whole = stat(out + "/integrity.csv", &status) == 0 && stat(out + "/report.md", &status) == 0
                glimpses.count(whole: whole)
            }
        }
        reader.start()
        let runs = try (0..<6).map { _ in
            try HSArchiveRunner.Running(["report", archive, "--out", out, "--jobs", "2"], environment: environment)
        }
        let results = try runs.map { try $0.finish() }
        stop.set()
        while !reader.isFinished { usleep(1000) }
        for result in results { #expect(result.status == 0, "\(result.errors)") }
        #expect(results.filter { $0.errors.contains("waiting for another hsarchive run") }.count >= 1)
        #expect(
            glimpses.partial == 0, "a reader found the report incomplete \(glimpses.partial) times in \(glimpses.total)"
        )
        #expect(glimpses.total > 100)
        #expect(snapshot(out) == expected)
        #expect(leftovers(in: root).isEmpty)
    }

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
            #expect(snapshot(out) == previous, "moment \(index)")
            #expect(leftovers(in: root).isEmpty, "moment \(index): \(leftovers(in: root))")
        }
    }

    /// A file that appears in the report folder between its last check and the swap puts the
    /// previous report back in place (found by delaying the swap's system call with strace; the
    /// first version moved the file out with the old report and exited 0).
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/strace")), .temporaryFolder)
    func aFileAppearingJustBeforeTheSwapKeepsThePreviousReport() throws {
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
        try "mine".write(toFile: out + "/notes.txt", atomically: false, encoding: .utf8)
        let result = try running.finish()
        #expect(result.status == 2, "\(result.errors)")
        #expect(
            result.errors.contains("appeared in \(out) while the report was being written (notes.txt)"),
            "\(result.errors)")
        #expect(snapshot(out).filter { $0.key != "notes.txt" } == previous)
        #expect(contents(out).contains("notes.txt"))
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
            ("Reports.hsarchive-partial-\(gone.processIdentifier)", ["audit.csv", "report.md"]),
            ("Reports.hsarchive-partial-1", ["audit.csv"]), ("Reports.hsarchive-partial-999999999", ["notes.txt"]),
            ("Reports.partial-20240131", ["integrity.csv", "report.md"]),
        ] {
            try manager.createDirectory(atPath: root + "/" + name, withIntermediateDirectories: true)
            for file in files { try "x".write(toFile: root + "/\(name)/\(file)", atomically: true, encoding: .utf8) }
        }
        #expect(try HSArchiveRunner.run(["report", archive, "--out", out], environment: environment).status == 0)
        // PID 1 is alive; a folder with a foreign file, or a backup named otherwise, is not hsarchive's.
        #expect(
            leftovers(in: root) == [
                "Reports.hsarchive-partial-1", "Reports.hsarchive-partial-999999999", "Reports.partial-20240131",
            ])
    }

    /// Regression: a mount point could not be `--out` at all: the rename failed with EBUSY after
    /// the whole run. Its files are now replaced one by one. Needs a private mount namespace
    /// (root, or a user namespace); skipped where `unshare` cannot make one.
    @Test(.enabled(if: ReportFolderSafetyTests.canMount), .temporaryFolder)
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
                csat.csv
                events.csv
                integrity.csv
                report.md
                response_times.csv
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

/// A flag one thread sets and another reads.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}

/// What a reader saw of the report folder while runs replaced it.
final class Glimpses: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var total = 0
    private(set) var partial = 0
    func count(whole: Bool) {
        lock.withLock {
            total += 1
            if !whole { partial += 1 }
        }
    }
}

/// How a spawned run ended (`waitpid`'s status).
final class Outcome: @unchecked Sendable {
    var status: Int32 = 0
}
