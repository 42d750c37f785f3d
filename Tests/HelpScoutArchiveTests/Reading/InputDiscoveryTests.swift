import Foundation
import HelpScoutArchive
import Testing

@Suite struct InputDiscoveryTests {
    @Test func directoriesAreSearchedRecursivelyInByteOrder() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["b.jsonl", "a/z.ndjson.gz", "a.jsonl", "B.jsonl.gz", "notes.txt", "a/c/d.ndjson", "x.json"] {
            Fixtures.write([], to: "\(root)/\(name)")
        }
        let names = InputDiscovery.archives(for: [root, "-", "\(root)/x.json"]).map(\.name)
        #expect(names == [
            "\(root)/B.jsonl.gz", "\(root)/a.jsonl", "\(root)/a/c/d.ndjson", "\(root)/a/z.ndjson.gz", "\(root)/b.jsonl",
            "-", "\(root)/x.json",
        ])
    }

    @Test func aSymbolicLinkLoopIsReportedNotFollowed() throws {
        let root = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        Fixtures.write([], to: "\(root)/sub/a.jsonl")
        try FileManager.default.createSymbolicLink(atPath: "\(root)/sub/loop", withDestinationPath: root)
        let inputs = InputDiscovery.archives(for: [root])
        #expect(inputs.map(\.name).contains("\(root)/sub/a.jsonl"))
        #expect(inputs.filter { if case .unreadable = $0.source { return true } else { return false } }.count == 1)
        #expect(inputs.count < 10)
    }

    @Test func aMissingPathStaysAFileSoReadingItReportsTheError() {
        let inputs = InputDiscovery.archives(for: ["/no/such/archive.jsonl.gz"])
        #expect(inputs == [.file("/no/such/archive.jsonl.gz")])
    }
}
