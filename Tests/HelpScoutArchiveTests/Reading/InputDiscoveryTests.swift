import Foundation
import HelpScoutArchive
import TestSupport
import Testing

@Suite struct InputDiscoveryTests {
    @Test(.temporaryFolder) func directoriesAreSearchedRecursivelyInByteOrder() throws {
        let root = TemporaryFolder.path
        for name in ["b.jsonl", "a/z.ndjson.gz", "a.jsonl", "B.jsonl.gz", "notes.txt", "a/c/d.ndjson", "x.json"] {
            Fixtures.write([], to: "\(root)/\(name)")
        }
        let names = InputDiscovery.archives(for: [root, "-", "\(root)/x.json"]).map(\.name)
        #expect(
            names == [
                "\(root)/B.jsonl.gz", "\(root)/a.jsonl", "\(root)/a/c/d.ndjson", "\(root)/a/z.ndjson.gz",
                "\(root)/b.jsonl",
                "-", "\(root)/x.json",
            ])
    }

    @Test(.temporaryFolder) func aSymbolicLinkLoopIsReportedNotFollowed() throws {
        let root = TemporaryFolder.path
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

    /// Regression: a folder holding no archive (or only `*.json.gz` files) read 0 lines and exited
    /// 0, so a cron job pointed at the wrong folder reported success every night.
    @Test(.temporaryFolder) func aFolderWithoutArchivesIsAnInputThatCannotBeRead() throws {
        let root = TemporaryFolder.path
        Fixtures.write([], to: "\(root)/empty/.keep")
        Fixtures.write([], to: "\(root)/looks/b.json")
        Fixtures.write([], to: "\(root)/looks/a.json.gz")
        let inputs = InputDiscovery.archives(for: ["\(root)/empty", "\(root)/looks"])
        #expect(inputs.map(\.name) == ["\(root)/empty", "\(root)/looks"])
        guard case .unreadable(let empty) = inputs[0].source, case .unreadable(let looks) = inputs[1].source else {
            Issue.record("expected unreadable inputs, got \(inputs)")
            return
        }
        #expect(empty.contains("no archive files found (searched for *.jsonl, *.ndjson, *.jsonl.gz, *.ndjson.gz)"))
        #expect(!empty.contains("skipped"))
        #expect(looks.contains("skipped 2 files that look like archives, such as \(root)/looks/a.json.gz"))
    }

    /// Regression: names were read as `String`s, which repair bytes that are not UTF-8, so such a
    /// file could not be opened ("No such file"); they are opened by their bytes and shown escaped.
    @Test(.temporaryFolder) func namesThatAreNotUTF8AreFoundOpenedAndShownEscaped() throws {
        let root = TemporaryFolder.path
        let name = RawPath(root).appending([0x63, 0x61, 0x66, 0xE9] + Array(".jsonl".utf8))
        let fd = name.withCString { open($0, O_WRONLY | O_CREAT, 0o644) }
        #expect(fd >= 0)
        _ = write(fd, "{}\n", 3)
        close(fd)
        let inputs = InputDiscovery.archives(for: [root])
        #expect(inputs == [.file(name)])
        #expect(inputs[0].name == "\(root)/caf\\xe9.jsonl")
        let summary = ArchivePipeline(inputs: inputs, keyring: Fixtures.keyring(), options: .init(jobs: 1)).run(
            observer: RecordingObserver())
        #expect(summary.failures.isEmpty && summary.total == 1)
    }
}
