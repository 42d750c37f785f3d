import Foundation
import HelpScoutArchive
import TestSupport
import Testing

@Suite struct BatchProcessorTests {
    /// Regression: the reason for a line over the limit named `ArchiveReader.defaultMaxLineLength`
    /// (16 MiB) whatever limit the pipeline was given, so a 1 MiB limit was reported as 16 MiB.
    @Test(.temporaryFolder) func anOverlongLineIsReportedAgainstTheConfiguredLimitNotTheDefault() {
        let line = "{\"headers\":{},\"body\":\"" + String(repeating: "x", count: 2 << 20) + "\"}"
        Fixtures.write(Array((line + "\n").utf8), to: TemporaryFolder.path + "/long.jsonl")
        let observer = RecordingObserver()
        let options = ArchivePipeline.Options(jobs: 1, batchSize: 64 << 10, maxLineLength: 1 << 20)
        _ = ArchivePipeline(
            inputs: [.file(TemporaryFolder.path + "/long.jsonl")], keyring: Fixtures.keyring(),
            options: options
        ).run(observer: observer)
        #expect(observer.findings.map(\.status) == [.malformed])
        #expect(
            observer.findings.map(\.reason)
                == ["line is \(line.utf8.count) bytes long, over the 1 MiB limit; skipped unread"])
    }

    /// A limit that is not a whole number of MiB is said in bytes (it read "0 MiB").
    @Test(.temporaryFolder) func aLimitUnderOneMiBIsSaidInBytes() {
        Fixtures.write(
            Array((String(repeating: "x", count: 3000) + "\n{}\n").utf8), to: TemporaryFolder.path + "/long.jsonl")
        let observer = RecordingObserver()
        let options = ArchivePipeline.Options(jobs: 1, batchSize: 512, maxLineLength: 1024)
        _ = ArchivePipeline(
            inputs: [.file(TemporaryFolder.path + "/long.jsonl")], keyring: Fixtures.keyring(),
            options: options
        ).run(observer: observer)
        #expect(observer.findings.first?.reason == "line is 3000 bytes long, over the 1024-byte limit; skipped unread")
    }
}
