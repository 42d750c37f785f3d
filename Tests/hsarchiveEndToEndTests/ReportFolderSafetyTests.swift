import CPlatform
import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

/// `report --out` never deletes or changes what hsarchive did not write, and a failed or
/// interrupted run leaves the previous report as it was and nothing behind.
@Suite struct ReportFolderSafetyTests: ReportFolderChecks {
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
            snapshot(root + "/work").filter { !$0.key.hasPrefix("Reports/") && $0.key != ".Reports.hsarchive-lock" }
                == before)
    }

    @Test(.temporaryFolder) func emptyFoldersAndReportFoldersOfOlderVersionsAreReplaced() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try manager.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        try manager.createDirectory(atPath: root + "/old", withIntermediateDirectories: true)
        for name in ["report.md", "tags.csv", "audit.csv"] {
            try "old".write(toFile: root + "/old/" + name, atomically: true, encoding: .utf8)
        }
        // The integrity.csv every version wrote, which marks a folder without a manifest as a report.
        try "status,count\nverified,5\nduplicate,0\nforged,0\nunsigned,0\nmalformed,0\nundecodable,0\ntotal,5\n"
            .write(toFile: root + "/old/integrity.csv", atomically: true, encoding: .utf8)
        for out in ["empty", "old"] {
            let first = try HSArchiveRunner.run(
                ["report", archive, "--out", root + "/" + out], environment: environment)
            #expect(first.status == 0, "\(first.errors)")
            #expect(contents(root + "/" + out).contains(".hsarchive-manifest"))
            #expect(try String(contentsOfFile: root + "/\(out)/integrity.csv", encoding: .utf8).contains("verified,5"))
        }
        // Two runs on the same inputs give byte-identical folders, the manifest included; only
        // summary.json's times differ.
        let first = snapshot(root + "/old")
        #expect(
            try HSArchiveRunner.run(["report", archive, "--out", root + "/old"], environment: environment).status == 0)
        #expect(reportFiles(root + "/old") == first.filter { $0.key != "summary.json" })
        #expect(Set(snapshot(root + "/old").keys) == Set(first.keys))
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
        let expected = reportFiles(out)
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
        #expect(reportFiles(out) == expected)
        #expect(leftovers(in: root).isEmpty)
    }

    /// The `charts` subfolder is replaced only while it holds nothing but charts and is a real
    /// folder: a file of the user's in it, a folder in it, or a link in its place stops the run
    /// before any input is read, and everything stays as it was.
    @Test(.temporaryFolder) func chartsHoldingAnythingElseOrALinkAreRefused() throws {
        let (root, archive, out, previous) = try previousReport()
        #expect(previous["charts/volume.svg"] != nil)
        let elsewhere = root + "/elsewhere"
        try manager.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        try "mine".write(toFile: elsewhere + "/volume.svg", atomically: true, encoding: .utf8)
        let changes: [(String, () throws -> Void, () throws -> Void)] = [
            (
                "charts/mine.txt",
                { try "mine".write(toFile: out + "/charts/mine.txt", atomically: true, encoding: .utf8) },
                { try self.manager.removeItem(atPath: out + "/charts/mine.txt") }
            ),
            (
                "charts/old",
                { try self.manager.createDirectory(atPath: out + "/charts/old", withIntermediateDirectories: false) },
                { try self.manager.removeItem(atPath: out + "/charts/old") }
            ),
            (
                "charts",
                {
                    try self.manager.moveItem(atPath: out + "/charts", toPath: root + "/charts-saved")
                    try self.manager.createSymbolicLink(atPath: out + "/charts", withDestinationPath: elsewhere)
                },
                {
                    try self.manager.removeItem(atPath: out + "/charts")
                    try self.manager.moveItem(atPath: root + "/charts-saved", toPath: out + "/charts")
                }
            ),
        ]
        for (named, change, undo) in changes {
            try change()
            let before = snapshot(out)
            let result = try HSArchiveRunner.run(["report", archive, "--out", out], environment: environment)
            #expect(result.status == 2 && result.errors.contains("(\(named))"), "\(named): \(result.errors)")
            #expect(snapshot(out) == before, "\(named)")
            #expect(try String(contentsOfFile: elsewhere + "/volume.svg", encoding: .utf8) == "mine")
            try undo()
        }
        #expect(try HSArchiveRunner.run(["report", archive, "--out", out], environment: environment).status == 0)
        // Put back as it was, the folder is replaced by the same report again.
        #expect(reportFiles(out) == previous.filter { $0.key != "summary.json" })
        #expect(leftovers(in: root).isEmpty)
    }

    /// A `charts` folder is hsarchive's only when the manifest lists its charts: one in a folder of
    /// an earlier version (no manifest) or not listed is the user's, and the run stops before any
    /// input is read (a second reading found such a folder would have been removed).
    @Test(.temporaryFolder) func chartsTheManifestDoesNotListAreTheUsers() throws {
        let (root, archive, out, _) = try previousReport()
        let manifest = try String(contentsOfFile: out + "/.hsarchive-manifest", encoding: .utf8)
        let unlisted =
            manifest.split(separator: "\n").filter { !$0.hasPrefix("charts/") }.joined(separator: "\n") + "\n"
        for (name, manifestText) in [("older", nil), ("unlisted", unlisted)] as [(String, String?)] {
            let folder = root + "/" + name
            try manager.copyItem(atPath: out, toPath: folder)
            if let manifestText {
                try manifestText.write(toFile: folder + "/.hsarchive-manifest", atomically: true, encoding: .utf8)
            } else {
                try manager.removeItem(atPath: folder + "/.hsarchive-manifest")
            }
            let before = snapshot(folder)
            let result = try HSArchiveRunner.run(["report", archive, "--out", folder], environment: environment)
            #expect(result.status == 2 && result.errors.contains("(charts/"), "\(name): \(result.errors)")
            #expect(snapshot(folder) == before, "\(name)")
        }
    }
}
