import Foundation
import TestSupport
import Testing

/// hsarchive against the independent Python reading of docs/format.md and docs/metrics.md
/// (tools/reference*.py): every CSV but the audit's extra columns, byte for byte, with no period
/// and ten periods, on the sample archives and on a set of period edge cases.
@Suite struct ReferenceCrossCheckTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    func crossCheck(secrets: String, archive: String) throws -> HSArchiveRunner.Result {
        try HSArchiveRunner.shell(
            "sh tools/reference_crosscheck.sh '\(secrets)' '\(archive)' \"$HSARCHIVE\"",
            environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"], directory: HSArchiveRunner.repositoryRoot)
    }

    @Test(.temporaryFolder) func theReferenceAgreesOnEveryReportFile() throws {
        try #require(Self.python != nil, "python3 is needed for the reference: sudo apt-get install -y python3")
        let sample = try crossCheck(secrets: "sample-data/webhook-secrets.txt", archive: "sample-data/archive")
        #expect(sample.status == 0, "\(sample.output)\(sample.errors)")
        #expect(sample.output.components(separatedBy: "checked:").count == 12, "\(sample.output)")
        let edges = TemporaryFolder.path + "/edges"
        let written = try HSArchiveRunner.shell(
            "python3 tools/reference_edges.py '\(edges)'", environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"],
            directory: HSArchiveRunner.repositoryRoot)
        #expect(written.status == 0, "\(written.errors)")
        let edge = try crossCheck(secrets: edges + "/secrets.txt", archive: edges + "/archive")
        #expect(edge.status == 0, "\(edge.output)\(edge.errors)")
    }
}
