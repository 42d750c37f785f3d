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

    /// Lines go to the processor eight at a time, and a line over 64 KiB alone: with blank lines
    /// between them, a group cut short by a long line, and batches of several sizes, every line
    /// keeps its number and gets the verdict it gets alone.
    @Test(.temporaryFolder) func linesTakenTogetherKeepTheirNumbersAndVerdicts() throws {
        var lines: [String] = []
        for index in 0..<40 {
            let conversation = Fixtures.conversation(id: Int64(index))
            switch index % 6 {
            case 0: lines.append("")
            case 1: lines.append(Fixtures.signedLine(conversation, secret: "stranger"))
            case 4: lines.append("not json \(index)")
            default: lines.append(Fixtures.signedLine(conversation))
            }
        }
        let long = Fixtures.conversation(id: 999, extra: [("note", .string(String(repeating: "x", count: 100_000)))])
        lines.insert(Fixtures.signedLine(long), at: 13)
        lines.insert(Fixtures.signedLine(long, secret: "stranger"), at: 27)
        let path = TemporaryFolder.path + "/lines.jsonl"
        Fixtures.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: path)
        var alone = DeliveryProcessor(keyring: Fixtures.keyring())
        let expected = lines.enumerated().compactMap { number, line -> String? in
            guard !line.isEmpty else { return nil }
            var line = line
            return line.withUTF8 { "\(number + 1) \(alone.process(line: UnsafeRawBufferPointer($0)).status)" }
        }
        #expect(expected.count == 35 && expected.filter { $0.hasSuffix(" verified") }.count == 21)
        for batchSize in [4096, 64 << 10, 1 << 20] {
            let observer = RecordingObserver()
            let options = ArchivePipeline.Options(jobs: 2, batchSize: batchSize, maxLineLength: 1 << 20)
            _ = ArchivePipeline(inputs: [.file(path)], keyring: Fixtures.keyring(), options: options).run(
                observer: observer)
            let seen =
                observer.events.map { ($0.0.line, "verified") }
                + observer.findings.map { ($0.position.line, "\($0.status)") }
            #expect(seen.sorted { $0.0 < $1.0 }.map { "\($0.0) \($0.1)" } == expected, "batches of \(batchSize) bytes")
        }
    }
}
