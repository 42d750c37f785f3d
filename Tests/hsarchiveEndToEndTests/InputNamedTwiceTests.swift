import Foundation
import TestSupport
import Testing

/// A file among the inputs twice is refused before anything is read: it was read twice, and each of
/// its lines got two statuses (494 lines for a day of 247, the forged ones counted twice).
@Suite struct InputNamedTwiceTests {
    let day = "sample-data/archive/2026-10/2026-10-05.jsonl.gz"
    let secrets = ["--secret-file", "sample-data/webhook-secrets.txt"]

    func run(_ arguments: [String]) throws -> HSArchiveRunner.Result {
        try HSArchiveRunner.run(arguments, directory: HSArchiveRunner.repositoryRoot)
    }

    @Test(.temporaryFolder) func archiveGivenTwiceIsRefusedNotCountedTwice() throws {
        let root = TemporaryFolder.path
        try FileManager.default.createSymbolicLink(
            atPath: root + "/link.jsonl.gz", withDestinationPath: HSArchiveRunner.repositoryRoot + "/" + day)
        for (inputs, message) in [
            ([day, day], "\(day) is among the archives twice"),
            (["sample-data/archive", day], "\(day) is among the archives twice"),
            ([day, root + "/link.jsonl.gz"], "link.jsonl.gz and \(day) are the same file"),
        ] {
            for command in [
                ["verify"], ["events"], ["report", "--out", root + "/R"], ["partial", "--out", root + "/p"],
            ] {
                let result = try run(command + secrets + inputs)
                #expect(result.status == 2, "\(command) \(inputs): \(result.errors)")
                #expect(result.errors.contains(message), "\(command) \(inputs): \(result.errors)")
                #expect(result.output.isEmpty, "\(command) \(inputs)")
            }
        }
        #expect(
            !FileManager.default.fileExists(atPath: root + "/R") && !FileManager.default.fileExists(atPath: root + "/p")
        )
        // Once each, the same day reads as itself.
        let once = try run(["verify", "--format", "text"] + secrets + [day])
        #expect(once.status == 1 && once.output.contains("247 lines in 1 input"), "\(once.output)")
    }

    @Test(.temporaryFolder) func partialGivenTwiceIsRefusedByMerge() throws {
        let root = TemporaryFolder.path
        let made = try run(["partial", "--out", root + "/day.partial"] + secrets + [day])
        #expect(made.status == 0, "\(made.errors)")
        let merged = try run(["merge", "--out", root + "/R", root + "/day.partial", root + "/day.partial"])
        #expect(merged.status == 2 && merged.errors.contains("is among the partials twice"), "\(merged.errors)")
        #expect(!FileManager.default.fileExists(atPath: root + "/R"))
        let once = try run(["merge", "--out", root + "/R", root + "/day.partial"])
        #expect(once.status == 0, "\(once.errors)")
    }
}
