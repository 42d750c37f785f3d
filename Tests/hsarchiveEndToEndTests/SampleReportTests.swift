import Foundation
import Testing

/// The report of sample-data/ is golden: it must match the committed Reports/ byte for byte.
/// After an intended change, `make report` rewrites Reports/; review the diff and commit it.
@Suite struct SampleReportTests {
    /// A fresh report of sample-data/ with `jobs` threads, in the test's temporary folder.
    func report(jobs: Int) throws -> String {
        let folder = TemporaryFolder.path + "/jobs-\(jobs)", out = folder + "/Reports"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Paths as `make report` gives them: the audit names files as given.
        let result = try HSArchiveRunner.run([
            "report", "sample-data/archive", "--secret-file", "sample-data/webhook-secrets.txt",
            "--out", out, "--jobs", String(jobs),
        ], directory: HSArchiveRunner.repositoryRoot)
        #expect(result.status == 0, "\(result.errors)")
        return out
    }

    func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test(.temporaryFolder) func theSampleReportMatchesTheCommittedReports() throws {
        let out = try report(jobs: 2)
        let golden = HSArchiveRunner.repositoryRoot + "/Reports"
        #expect(try files(in: out) == files(in: golden))
        for name in try files(in: golden) {
            let expected = try String(contentsOfFile: golden + "/" + name, encoding: .utf8)
            let actual = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            #expect(actual == expected, "Reports/\(name) differs from a fresh run: run `make report` and review the diff")
        }
    }

    @Test(.temporaryFolder) func oneThreadAndAllThreadsWriteIdenticalReports() throws {
        let one = try report(jobs: 1), many = try report(jobs: 4)
        for name in try files(in: one) {
            #expect(FileManager.default.contentsEqual(atPath: one + "/" + name, andPath: many + "/" + name), "\(name)")
        }
    }

    @Test func theIntegrityCountsAddUp() throws {
        let text = try String(contentsOfFile: HSArchiveRunner.repositoryRoot + "/Reports/integrity.csv", encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.map { String($0[0]) } == ["verified", "duplicate", "forged", "unsigned", "malformed", "undecodable", "total"])
        let counts = rows.map { Int($0[1])! }
        #expect(counts.dropLast().reduce(0, +) == counts.last!)
    }
}
