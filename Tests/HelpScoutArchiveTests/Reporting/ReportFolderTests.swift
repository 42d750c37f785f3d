import Foundation
import HelpScoutArchive
import TestSupport
import Testing

/// The report folder replaces only folders hsarchive wrote, and only their own files.
@Suite struct ReportFolderTests {
    let manager = FileManager.default

    func write(_ text: String, to path: String) { Fixtures.write(Array(text.utf8), to: path) }

    func contents(_ folder: String) -> [String] { ((try? manager.contentsOfDirectory(atPath: folder)) ?? []).sorted() }

    func report(into out: String, inputs: [String] = [], text: String = "new") throws {
        let folder = try ReportFolder(out: RawPath(out), inputs: inputs.map(RawPath.init))
        try folder.createStaging()
        try folder.write(ReportFiles.integrity, text)
        try folder.write(ReportFiles.markdown, text)
        try folder.commit()
    }

    /// Regression: the existing destination was renamed aside and removed recursively, so `--out`
    /// naming a folder of other files deleted them all.
    @Test(.temporaryFolder) func aFolderOfOtherFilesIsRefusedAndLeftAsItWas() throws {
        let root = TemporaryFolder.path
        write("mine", to: root + "/docs/notes.txt")
        write("old", to: root + "/docs/report.md")
        #expect(
            throws: ReportFolderError.notAReport(
                RawPath(root + "/docs").displayName, foreign: ["notes.txt", "report.md"], count: 2)
        ) {
            try report(into: root + "/docs")
        }
        #expect(contents(root + "/docs") == ["notes.txt", "report.md"])
        // A lone hand-written report.md is not a report folder either: without a manifest, one
        // needs the integrity.csv every report has written.
        try manager.removeItem(atPath: root + "/docs/notes.txt")
        #expect(throws: ReportFolderError.self) { try report(into: root + "/docs") }
        #expect(contents(root + "/docs") == ["report.md"])
        // Refused before anything was created, the lock file included.
        #expect(contents(root) == ["docs"])
    }

    /// A manifest that is a FIFO would block a plain open; a link could point anywhere. Neither is
    /// read, and neither makes the folder a report.
    @Test(.temporaryFolder) func aManifestThatIsNotARegularFileIsNeitherReadNorTrusted() throws {
        let root = TemporaryFolder.path
        write(Self.earlierIntegrity, to: root + "/fifo/integrity.csv")
        #expect(mkfifo(root + "/fifo/" + ReportFiles.manifest, 0o644) == 0)
        write(Self.earlierIntegrity, to: root + "/link/integrity.csv")
        write("# hsarchive\nnotes.txt\n", to: root + "/elsewhere")
        try manager.createSymbolicLink(
            atPath: root + "/link/" + ReportFiles.manifest, withDestinationPath: root + "/elsewhere")
        write("mine", to: root + "/link/notes.txt")
        for out in ["fifo", "link"] {
            #expect(throws: ReportFolderError.self, "\(out)") { try report(into: root + "/" + out) }
        }
        #expect(contents(root + "/link") == [ReportFiles.manifest, "integrity.csv", "notes.txt"].sorted())
    }

    @Test(.temporaryFolder) func anEmptyNameOrAMissingDotFolderIsRefused() {
        #expect(throws: ReportFolderError.self) { try report(into: "") }
        #expect(throws: ReportFolderError.self) { try report(into: TemporaryFolder.path + "/missing/.") }
    }

    @Test(.temporaryFolder) func aFolderHoldingAnInputIsRefused() throws {
        let root = TemporaryFolder.path
        write("{}", to: root + "/out/archive.jsonl")
        write("{}", to: root + "/elsewhere.jsonl")
        try manager.createSymbolicLink(atPath: root + "/link.jsonl", withDestinationPath: root + "/out/archive.jsonl")
        for input in [root + "/out/archive.jsonl", root + "/out", root + "/link.jsonl", root] {
            #expect(throws: ReportFolderError.self, "\(input)") { try report(into: root + "/out", inputs: [input]) }
        }
        #expect(contents(root + "/out") == ["archive.jsonl"])
        try report(into: root + "/fresh", inputs: [root + "/elsewhere.jsonl", root + "/out"])
        #expect(
            contents(root + "/fresh") == [ReportFiles.manifest, ReportFiles.integrity, ReportFiles.markdown].sorted())
    }

    /// An `integrity.csv` as an earlier version wrote it.
    static let earlierIntegrity =
        "status,count\nverified,5\nduplicate,0\nforged,0\nunsigned,0\nmalformed,0\nundecodable,0\ntotal,5\n"

    /// Regression: a folder without a manifest holding a hand-written `integrity.csv` and
    /// `report.md` was taken for an earlier version's report and replaced, the user's files lost.
    @Test(.temporaryFolder) func handWrittenIntegrityFileDoesNotMakeAFolderAnEarlierReport() throws {
        let root = TemporaryFolder.path
        write("x", to: root + "/mine/integrity.csv")
        write("mine", to: root + "/mine/report.md")
        #expect(throws: ReportFolderError.self) { try report(into: root + "/mine") }
        #expect(try String(contentsOfFile: root + "/mine/report.md", encoding: .utf8) == "mine")
        #expect(contents(root + "/mine") == ["integrity.csv", "report.md"])
    }

    @Test(.temporaryFolder) func emptyAndReportOnlyFoldersAreReplacedRemovingOnlyTheirOwnFiles() throws {
        let root = TemporaryFolder.path
        try manager.createDirectory(atPath: root + "/empty", withIntermediateDirectories: true)
        try report(into: root + "/empty")
        #expect(try String(contentsOfFile: root + "/empty/report.md", encoding: .utf8) == "new")
        // A folder of an older version: report files by name, no manifest, and the integrity.csv
        // every version wrote.
        write("old", to: root + "/old/report.md")
        write("old", to: root + "/old/tags.csv")
        write(Self.earlierIntegrity, to: root + "/old/integrity.csv")
        try report(into: root + "/old")
        #expect(
            contents(root + "/old") == [ReportFiles.manifest, ReportFiles.integrity, ReportFiles.markdown].sorted())
        // A file that only a manifest lists (one a later version writes) is the report's too; a
        // manifest never reaches outside its folder.
        write("beside", to: root + "/victim.txt")
        write("x", to: root + "/old/report.html")
        write("# hsarchive\nreport.html\n../victim.txt\n/etc/hostname\n", to: root + "/old/" + ReportFiles.manifest)
        try report(into: root + "/old", text: "newer")
        #expect(
            contents(root + "/old") == [ReportFiles.manifest, ReportFiles.integrity, ReportFiles.markdown].sorted())
        #expect(try String(contentsOfFile: root + "/victim.txt", encoding: .utf8) == "beside")
        #expect(!contents(root).contains { $0.contains(".partial-") || $0.contains(".previous-") })
    }

    /// A first report in `root/Reports`, and a second one staged to replace it.
    func stageSecondReport(in root: String) throws -> ReportFolder {
        try report(into: root + "/Reports", text: "first")
        let folder = try ReportFolder(out: RawPath(root + "/Reports"), inputs: [])
        try folder.createStaging()
        try folder.write(ReportFiles.markdown, "second")
        return folder
    }

    @Test(.temporaryFolder) func aDiscardedReportLeavesThePreviousOneAndNoStaging() throws {
        let root = TemporaryFolder.path
        let folder = try stageSecondReport(in: root)
        folder.discard()
        folder.discard()
        #expect(try String(contentsOfFile: root + "/Reports/report.md", encoding: .utf8) == "first")
        #expect(contents(root) == [".Reports.hsarchive-lock", "Reports"])
    }

    @Test(.temporaryFolder) func filesAppearingDuringTheRunStopTheCommit() throws {
        let root = TemporaryFolder.path
        let folder = try stageSecondReport(in: root)
        write("added meanwhile", to: root + "/Reports/notes.txt")
        #expect(
            throws: ReportFolderError.changedDuringRun(RawPath(root + "/Reports").displayName, foreign: ["notes.txt"])
        ) {
            try folder.commit()
        }
        folder.discard()
        #expect(try String(contentsOfFile: root + "/Reports/report.md", encoding: .utf8) == "first")
        #expect(contents(root + "/Reports").contains("notes.txt"))
    }
}
