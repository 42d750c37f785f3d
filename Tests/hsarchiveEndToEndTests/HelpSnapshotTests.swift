import Foundation
import TestSupport
import Testing

/// Every help text is a snapshot in HelpSnapshots/, so a change to one is reviewed as a diff.
/// `HSARCHIVE_RECORD_HELP=1 swift test --filter HelpSnapshotTests` re-records them, and the run still
/// fails, so a new snapshot is committed only after someone has read it.
@Suite struct HelpSnapshotTests {
    static let folder = HSArchiveRunner.repositoryRoot + "/Tests/hsarchiveEndToEndTests/HelpSnapshots"

    @Test(arguments: [
        ("hsarchive", ["--help"]), ("report", ["report", "--help"]), ("verify", ["verify", "--help"]),
        ("events", ["events", "--help"]), ("partial", ["partial", "--help"]), ("merge", ["merge", "--help"]),
    ])
    func helpMatchesItsSnapshot(_ name: String, _ arguments: [String]) throws {
        let result = try HSArchiveRunner.run(arguments)
        #expect(result.status == 0)
        let path = Self.folder + "/" + name + ".txt"
        if ProcessInfo.processInfo.environment["HSARCHIVE_RECORD_HELP"] != nil {
            try result.output.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(path): review the diff and commit it")
            return
        }
        let snapshot = try String(contentsOfFile: path, encoding: .utf8)
        #expect(result.output == snapshot, "hsarchive \(arguments.joined(separator: " ")) differs from \(path)")
    }

    /// Help is pasted into terminals and mails: no line wider than 80 columns, and every usage line
    /// shows the archives as required.
    @Test func helpFitsEightyColumnsAndShowsArchivesAsRequired() throws {
        for command in ["report", "verify", "events", "partial", "merge"] {
            let help = try HSArchiveRunner.run([command, "--help"]).output
            let wide = help.split(separator: "\n").filter { $0.count > 80 }.map(String.init)
            #expect(wide.isEmpty, "\(command): \(wide)")
            let inputs = command == "merge" ? "<partial>" : "<archive>"
            #expect(help.contains("USAGE: hsarchive \(command) \(inputs) ..."), "\(help)")
            #expect(!help.contains("[\(inputs) ...]"))
        }
    }
}
