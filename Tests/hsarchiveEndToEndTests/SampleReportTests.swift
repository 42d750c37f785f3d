import Foundation
import TestSupport
import Testing

/// The report of sample-data/ is golden: it must match the committed Reports/ byte for byte.
/// After an intended change, `make report` re-records Reports/, and the run fails until the new
/// files are committed: review the diff and commit it. No test writes Reports/.
@Suite struct SampleReportTests {
    /// A fresh report of sample-data/ with `jobs` threads, in the test's temporary folder.
    func report(jobs: Int) throws -> String {
        let folder = TemporaryFolder.path + "/jobs-\(jobs)", out = folder + "/Reports"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let result = try HSArchiveRunner.reportSampleData(into: out, jobs: jobs)
        #expect(result.status == 0, "\(result.errors)")
        return out
    }

    /// The report's files but `summary.json`, the one whose bytes differ from run to run (its
    /// times); it is not committed (.gitignore), and SummaryFileTests check it.
    func files(in folder: String) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder).filter { path in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isFolder)
            return path != "summary.json" && !isFolder.boolValue
        }.sorted()
    }

    @Test(.temporaryFolder) func theSampleReportMatchesTheCommittedReports() throws {
        let out = try report(jobs: 2)
        let golden = HSArchiveRunner.repositoryRoot + "/Reports"
        #expect(try files(in: out) == files(in: golden))
        for name in try files(in: golden) {
            let expected = try String(contentsOfFile: golden + "/" + name, encoding: .utf8)
            let actual = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            #expect(
                actual == expected, "Reports/\(name) differs from a fresh run: run `make report` and review the diff")
        }
    }

    /// The Swift loops and swift-crypto's SHA-1 for every body (`HSARCHIVE_SCALAR_JSON=1` and
    /// `HSARCHIVE_LIBRARY_SHA1=1`, as on a CPU without AVX-512 or the SHA instructions) and the
    /// kernels give the same report.
    @Test(.temporaryFolder) func theSwiftLoopsWriteTheReportTheKernelsWrite() throws {
        let kernels = try report(jobs: 2), scalar = TemporaryFolder.path + "/Scalar"
        let result = try HSArchiveRunner.reportSampleData(
            into: scalar, environment: ["HSARCHIVE_SCALAR_JSON": "1", "HSARCHIVE_LIBRARY_SHA1": "1"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(try files(in: scalar) == files(in: kernels))
        for name in try files(in: kernels) {
            #expect(
                FileManager.default.contentsEqual(atPath: kernels + "/" + name, andPath: scalar + "/" + name), "\(name)"
            )
        }
    }

    /// Whether the repository is a git work tree whose status can be read (not, say, a tarball).
    static let isGitWorkTree =
        (try? HSArchiveRunner.shell(
            "git rev-parse --is-inside-work-tree",
            directory: HSArchiveRunner.repositoryRoot
        ).status) == 0

    /// Regression: a `make report` that re-recorded Reports/ with changed output made the golden test
    /// pass at once, since it compares a fresh run with whatever Reports/ holds: a new baseline could
    /// be committed without anyone having looked at its diff. Reports/ must now equal the last commit.
    @Test(.enabled(if: SampleReportTests.isGitWorkTree, "compares Reports/ with the last commit"))
    func aReRecordedSampleReportFailsTheRunUntilItIsCommitted() throws {
        let command = "git --no-optional-locks status --porcelain --untracked-files=all -- Reports"
        let status = try HSArchiveRunner.shell(command, directory: HSArchiveRunner.repositoryRoot)
        #expect(status.status == 0, "\(status.errors)")
        for line in status.output.split(separator: "\n") {
            Issue.record("re-recorded \(line.dropFirst(3)): review the diff (git diff -- Reports) and commit it")
        }
    }

    @Test(.temporaryFolder) func oneThreadAndAllThreadsWriteIdenticalReports() throws {
        let one = try report(jobs: 1), many = try report(jobs: 4)
        for name in try files(in: one) {
            #expect(FileManager.default.contentsEqual(atPath: one + "/" + name, andPath: many + "/" + name), "\(name)")
        }
    }

    /// Regression: this read the committed Reports/integrity.csv, so it checked no run at all. The
    /// lines are counted here apart from hsarchive (non-blank: not only spaces, tabs and CRs), since
    /// its `total` is the sum of the statuses.
    @Test(.temporaryFolder) func theIntegrityCountsOfAFreshRunAddUpToTheLinesRead() throws {
        let text = try String(contentsOfFile: report(jobs: 2) + "/integrity.csv", encoding: .utf8)
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(
            rows.map { String($0[0]) } == [
                "verified", "duplicate", "forged", "unsigned", "malformed", "undecodable", "total",
            ])
        let counts = rows.map { Int($0[1])! }
        #expect(counts.dropLast().reduce(0, +) == counts.last!)
        // Each archive decompressed (gzip -f passes plain files through) and ended with a line break.
        let script = "for f in $(find sample-data/archive -type f); do gzip -dcf \"$f\"; echo; done"
        let archives = try HSArchiveRunner.shell(script, directory: HSArchiveRunner.repositoryRoot)
        #expect(archives.status == 0, "\(archives.errors)")
        let lines = archives.output.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
        let read = lines.filter { line in line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D } }.count
        #expect(read > 0 && counts.last == read)
    }
}
