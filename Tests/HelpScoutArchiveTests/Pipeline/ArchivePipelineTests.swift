import Foundation
import HelpScoutArchive
import HelpScoutArchiveSamples
import Testing

@Suite struct ArchivePipelineTests {
    /// A folder of three archives with every status, duplicates within and across files.
    static func makeArchives() -> (folder: String, lines: [String]) {
        let folder = Fixtures.temporaryFolder()
        var lines: [String] = []
        for index in 0..<60 {
            // Lines 40 to 59 repeat the bodies of lines 0 to 19: retries, some in another file.
            let body = Fixtures.conversation(id: Int64(1000 + index % 40), at: "2026-10-05T1\(index % 10):00:00Z")
            switch index % 10 {
            case 7: lines.append(Fixtures.signedLine(body, secret: "wrong"))
            case 8: lines.append("{\"headers\":{},\"body\":\"{}\"}")
            case 9: lines.append("{truncated")
            default: lines.append(Fixtures.signedLine(body, id: "dlv_\(index)"))
            }
        }
        let parts = [Array(lines[0..<20]), Array(lines[20..<45]), Array(lines[45...])].map { $0.joined(separator: "\n") + "\n" }
        Fixtures.write(Fixtures.gzip(parts[0]), to: folder + "/a/1.jsonl.gz")
        Fixtures.write(Fixtures.gzip(parts[1]) + Fixtures.gzip("\n\n"), to: folder + "/a/2.jsonl.gz")
        Fixtures.write(Array(parts[2].replacingOccurrences(of: "\n", with: "\r\n").utf8), to: folder + "/b.ndjson")
        return (folder, lines)
    }

    func run(_ inputs: [ArchiveInput], jobs: Int, batchSize: Int = 1 << 20, detail: BodyDecoder.Detail = .complete) -> (RunSummary, RecordingObserver) {
        let observer = RecordingObserver()
        let pipeline = ArchivePipeline(inputs: inputs, keyring: Fixtures.keyring(),
                                       options: .init(jobs: jobs, batchSize: batchSize, detail: detail))
        return (pipeline.run(observer: observer), observer)
    }

    @Test func everyLineGetsOneStatusAndTheCountsAddUp() {
        let (folder, lines) = Self.makeArchives()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (summary, observer) = run(InputDiscovery.archives(for: [folder]), jobs: 2)
        #expect(summary.total == lines.count)
        #expect(summary.count(.forged) == 6 && summary.count(.unsigned) == 6 && summary.count(.malformed) == 6)
        // 42 correctly signed lines; 14 of them (40...59 with index % 10 < 7) repeat an earlier body.
        #expect(summary.count(.verified) == 28 && summary.count(.duplicate) == 14)
        #expect(observer.events.count == summary.count(.verified))
        #expect(observer.findings.count == summary.total - summary.count(.verified) - summary.count(.duplicate))
        #expect(summary.failures.isEmpty)
    }

    @Test func oneThreadAndManyThreadsReportTheSameInTheSameOrder() {
        let (folder, _) = Self.makeArchives()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inputs = InputDiscovery.archives(for: [folder])
        let (baseSummary, base) = run(inputs, jobs: 1)
        for (jobs, batchSize) in [(1, 64), (2, 64), (2, 333), (4, 100), (8, 1 << 20)] {
            let (summary, observer) = run(inputs, jobs: jobs, batchSize: batchSize)
            #expect(summary == baseSummary, "jobs \(jobs) batch \(batchSize)")
            #expect(observer.findings == base.findings)
            #expect(observer.events.map(\.0) == base.events.map(\.0))
        }
    }

    @Test func statusesAloneAreTheSameAsWithFacts() {
        let (folder, _) = Self.makeArchives()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let inputs = InputDiscovery.archives(for: [folder])
        let (full, fullObserver) = run(inputs, jobs: 2)
        let (statuses, statusObserver) = run(inputs, jobs: 2, detail: .statuses)
        #expect(statuses == full)
        #expect(statusObserver.findings == fullObserver.findings)
        #expect(statusObserver.events.map(\.0) == fullObserver.events.map(\.0))
        #expect(statusObserver.events.map(\.1.time) == fullObserver.events.map(\.1.time))
    }

    @Test func findingsPointAtTheRealLine() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        Fixtures.write(Array("\n\(Fixtures.signedLine(Fixtures.conversation()))\n  \n{bad\n".utf8), to: folder + "/x.jsonl")
        let (summary, observer) = run([.file(folder + "/x.jsonl")], jobs: 2)
        #expect(summary.total == 2)
        #expect(observer.findings.map(\.position.line) == [4])
        #expect(observer.events.map(\.0.line) == [2])
    }

    @Test func aDamagedInputIsReportedAndTheOthersStillCount() {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = (0..<30).map { Fixtures.signedLine(Fixtures.conversation(id: Int64($0))) }.joined(separator: "\n") + "\n"
        let gzip = Fixtures.gzip(good)
        Fixtures.write(Array(gzip[0..<(gzip.count * 3 / 4)]), to: folder + "/cut.jsonl.gz")
        Fixtures.write(gzip, to: folder + "/whole.jsonl.gz")
        let inputs: [ArchiveInput] = [.file(folder + "/cut.jsonl.gz"), .file(folder + "/missing.jsonl"), .file(folder + "/whole.jsonl.gz")]
        for jobs in [1, 2] {
            let (summary, observer) = run(inputs, jobs: jobs, batchSize: 256)
            #expect(summary.failures.map(\.input) == [0, 1])
            #expect(summary.failures[0].error == .gzipCutShort)
            let cutLines = observer.events.filter { $0.0.input == 0 }.count
            #expect(cutLines > 0 && cutLines < 30)
            #expect(summary.failures[0].lineReached == cutLines + 1)
            // The whole file repeats the bodies read from the cut one: those are duplicates.
            #expect(observer.events.filter { $0.0.input == 2 }.count == 30 - cutLines)
            #expect(summary.count(.duplicate) == cutLines)
            #expect(summary.total == 30 + cutLines)
        }
    }
}

/// Threads sent once per worker (analytics detail) must give exactly the metrics of every thread.
@Suite struct AnalyticsDetailTests {
    final class Collector: RunObserver {
        var store = FactStore()
        func record(event: DecodedEvent, at position: ArchivePosition) { store.record(event) }
    }

    func csvs(detail: BodyDecoder.Detail, jobs: Int, batchSize: Int, parts: Int? = nil) throws -> [String] {
        let inputs = InputDiscovery.archives(for: [Fixtures.repositoryRoot + "/sample-data/archive"])
        let keyring = try SecretKeyring.load(secretFile: Fixtures.repositoryRoot + "/sample-data/webhook-secrets.txt", environment: [:]).keyring
        let collector = Collector()
        _ = ArchivePipeline(inputs: inputs, keyring: keyring, options: .init(jobs: jobs, batchSize: batchSize, detail: detail))
            .run(observer: collector)
        let analytics = Analytics(store: collector.store, parts: parts)
        let names = collector.store.agentNames.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + collector.store.mailboxNames.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return [names.joined(separator: ","), AnalyticsCSV.responseTimes(analytics), AnalyticsCSV.assignmentChurn(analytics), AnalyticsCSV.agentAssignments(analytics),
                AnalyticsCSV.tags(analytics), AnalyticsCSV.csat(analytics), AnalyticsCSV.events(analytics)]
    }

    @Test func analyticsDetailGivesTheMetricsOfEveryThread() throws {
        let complete = try csvs(detail: .complete, jobs: 1, batchSize: 1 << 20)
        #expect(complete[0].contains("301=Ana Lima") && complete[0].contains("101=Support"))
        #expect(complete[1].split(separator: "\n").count > 10)
        for (jobs, batchSize) in [(1, 1 << 20), (2, 4096), (3, 50_000), (4, 1 << 20)] {
            #expect(try csvs(detail: .analytics, jobs: jobs, batchSize: batchSize) == complete, "jobs \(jobs) batch \(batchSize)")
        }
    }

    @Test func metricsComputedInPartsEqualOnePass() throws {
        let whole = try csvs(detail: .complete, jobs: 2, batchSize: 1 << 20, parts: 1)
        for parts in [2, 3, 7] {
            #expect(try csvs(detail: .complete, jobs: 2, batchSize: 1 << 20, parts: parts) == whole, "\(parts) parts")
        }
    }
}
