import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

@testable import HelpScoutArchive

@Suite struct ArchivePipelineTests {
    /// The test's temporary folder with three archives with every status, duplicates within and
    /// across files.
    static func makeArchives() -> (folder: String, lines: [String]) {
        let folder = TemporaryFolder.path
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
        let parts = [Array(lines[0..<20]), Array(lines[20..<45]), Array(lines[45...])].map {
            $0.joined(separator: "\n") + "\n"
        }
        Fixtures.write(Fixtures.gzip(parts[0]), to: folder + "/a/1.jsonl.gz")
        Fixtures.write(Fixtures.gzip(parts[1]) + Fixtures.gzip("\n\n"), to: folder + "/a/2.jsonl.gz")
        Fixtures.write(Array(parts[2].replacingOccurrences(of: "\n", with: "\r\n").utf8), to: folder + "/b.ndjson")
        return (folder, lines)
    }

    func run(_ inputs: [ArchiveInput], jobs: Int, batchSize: Int = 1 << 20, detail: DecodingDetail = .complete) -> (
        RunSummary, RecordingObserver
    ) {
        let observer = RecordingObserver()
        let pipeline = ArchivePipeline(
            inputs: inputs, keyring: Fixtures.keyring(),
            options: .init(jobs: jobs, batchSize: batchSize, detail: detail))
        return (pipeline.run(observer: observer), observer)
    }

    @Test(.temporaryFolder) func everyLineGetsOneStatusAndTheCountsAddUp() {
        let (folder, lines) = Self.makeArchives()
        let (summary, observer) = run(InputDiscovery.archives(for: [folder]), jobs: 2)
        #expect(summary.total == lines.count)
        #expect(summary.count(.forged) == 6 && summary.count(.unsigned) == 6 && summary.count(.malformed) == 6)
        // 42 correctly signed lines; 14 of them (40...59 with index % 10 < 7) repeat an earlier body.
        #expect(summary.count(.verified) == 28 && summary.count(.duplicate) == 14)
        #expect(observer.events.count == summary.count(.verified))
        #expect(observer.findings.count == summary.total - summary.count(.verified) - summary.count(.duplicate))
        #expect(summary.failures.isEmpty)
    }

    @Test(.temporaryFolder) func oneThreadAndManyThreadsReportTheSameInTheSameOrder() {
        let (folder, _) = Self.makeArchives()
        let inputs = InputDiscovery.archives(for: [folder])
        let (baseSummary, base) = run(inputs, jobs: 1)
        for (jobs, batchSize) in [(1, 64), (2, 64), (2, 333), (4, 100), (8, 1 << 20)] {
            let (summary, observer) = run(inputs, jobs: jobs, batchSize: batchSize)
            #expect(summary == baseSummary, "jobs \(jobs) batch \(batchSize)")
            #expect(observer.findings == base.findings)
            #expect(observer.events.map(\.0) == base.events.map(\.0))
        }
    }

    @Test(.temporaryFolder) func statusesAloneAreTheSameAsWithFacts() {
        let (folder, _) = Self.makeArchives()
        let inputs = InputDiscovery.archives(for: [folder])
        let (full, fullObserver) = run(inputs, jobs: 2)
        let (statuses, statusObserver) = run(inputs, jobs: 2, detail: .statuses)
        // Statuses alone leave the period unsure (a bare body's time may come from receivedAt), so
        // it is not given.
        #expect(statuses.firstEventTime == nil && full.firstEventTime != nil)
        var fullWithoutCoverage = full
        fullWithoutCoverage.firstEventTime = nil
        fullWithoutCoverage.lastEventTime = nil
        #expect(statuses == fullWithoutCoverage)
        #expect(statusObserver.findings == fullObserver.findings)
        #expect(statusObserver.events.map(\.0) == fullObserver.events.map(\.0))
        #expect(statusObserver.events.map(\.1.time) == fullObserver.events.map(\.1.time))
    }

    @Test(.temporaryFolder) func findingsPointAtTheRealLine() throws {
        let folder = TemporaryFolder.path
        Fixtures.write(
            Array("\n\(Fixtures.signedLine(Fixtures.conversation()))\n  \n{bad\n".utf8), to: folder + "/x.jsonl")
        let (summary, observer) = run([.file(folder + "/x.jsonl")], jobs: 2)
        #expect(summary.total == 2)
        #expect(observer.findings.map(\.position.line) == [4])
        #expect(observer.events.map(\.0.line) == [2])
    }

    @Test(.temporaryFolder) func aDamagedInputIsReportedAndTheOthersStillCount() {
        let folder = TemporaryFolder.path
        let good =
            (0..<30).map { Fixtures.signedLine(Fixtures.conversation(id: Int64($0))) }.joined(separator: "\n") + "\n"
        let gzip = Fixtures.gzip(good)
        Fixtures.write(Array(gzip[0..<(gzip.count * 3 / 4)]), to: folder + "/cut.jsonl.gz")
        Fixtures.write(gzip, to: folder + "/whole.jsonl.gz")
        let inputs: [ArchiveInput] = [
            .file(folder + "/cut.jsonl.gz"), .file(folder + "/missing.jsonl"), .file(folder + "/whole.jsonl.gz"),
        ]
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

    /// An observer slower than the workers: each finding costs a few microseconds, as a slow disk
    /// under `audit.csv` would.
    final class SlowObserver: RunObserver {
        var findings = 0
        func record(finding: Finding) {
            findings += 1
            if findings % 64 == 0 { usleep(200) }
        }
    }

    /// Regression: with two or more jobs, when processing outran merging, the input being merged
    /// was read past the cap on batches in flight, so 4 M tiny lines peaked at 509 MB.
    @Test(.temporaryFolder) func batchesInFlightStayCappedWhenMergingIsSlowerThanProcessing() {
        let folder = TemporaryFolder.path
        let tiny = String(repeating: "{\"headers\":{},\"body\":\"{}\"}\n", count: 60_000)
        Fixtures.write(Fixtures.gzip(tiny), to: folder + "/tiny.jsonl.gz")
        Fixtures.write(Fixtures.gzip(tiny), to: folder + "/more.jsonl.gz")
        for jobs in [2, 3] {
            let observer = SlowObserver()
            let pipeline = ArchivePipeline(
                inputs: InputDiscovery.archives(for: [folder]), keyring: Fixtures.keyring(),
                options: .init(jobs: jobs, batchSize: 16 << 10, maxLinesPerBatch: 500))
            let summary = pipeline.run(observer: observer)
            #expect(summary.count(.unsigned) == 120_000 && observer.findings == 120_000)
            // 2 × jobs + 2 for the input being merged, as many for the inputs after it.
            #expect(
                pipeline.mostBatchesInFlight <= 2 * (2 * jobs + 2),
                "jobs \(jobs): \(pipeline.mostBatchesInFlight) batches in flight")
            #expect(pipeline.mostBatchesInFlight >= 2)
        }
    }
}

/// The metrics must not depend on how the run was split between threads or into batches.
@Suite struct PipelineMetricsTests {
    final class Collector: RunObserver {
        var store = FactStore()
        func record(event: DecodedEvent, at position: ArchivePosition) { store.record(event) }
    }

    func csvs(
        folder: String = Fixtures.repositoryRoot + "/sample-data/archive",
        secretFile: String = Fixtures.repositoryRoot + "/sample-data/webhook-secrets.txt",
        jobs: Int, batchSize: Int, parts: Int? = nil
    ) throws -> [String] {
        let inputs = InputDiscovery.archives(for: [folder])
        let keyring = try SecretKeyring.load(secretFile: RawPath(secretFile), environment: [:]).keyring
        let collector = Collector()
        _ = ArchivePipeline(
            inputs: inputs, keyring: keyring, options: .init(jobs: jobs, batchSize: batchSize, detail: .complete)
        )
        .run(observer: collector)
        let analytics = AnalyticsResult(store: collector.store, parts: parts)
        let names =
            collector.store.agentNames.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            + collector.store.mailboxNames.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return [
            names.joined(separator: ","), AnalyticsCSV.responseTimes(analytics),
            AnalyticsCSV.assignmentChurn(analytics), AnalyticsCSV.agentAssignments(analytics),
            AnalyticsCSV.tags(analytics), AnalyticsCSV.csat(analytics), AnalyticsCSV.events(analytics),
        ]
    }

    @Test func anyJobsAndBatchSizeGiveTheMetricsOfOneJob() throws {
        let one = try csvs(jobs: 1, batchSize: 1 << 20)
        #expect(one[0].contains("301=Ana Lima") && one[0].contains("101=Support"))
        #expect(one[1].split(separator: "\n").count > 10)
        for (jobs, batchSize) in [(2, 4096), (3, 50_000), (4, 1 << 20)] {
            #expect(try csvs(jobs: jobs, batchSize: batchSize) == one, "jobs \(jobs) batch \(batchSize)")
        }
    }

    /// Regression: workers once skipped threads and names they had decoded before, which kept a
    /// later copy when a worker took a later file's batch first. Here every copy of a thread and
    /// of an agent's name differs, so only the first in archive order gives these metrics.
    @Test(.temporaryFolder) func theFirstCopyInArchiveOrderIsKeptWhateverTheWorkerOrder() throws {
        let folder = TemporaryFolder.path
        Fixtures.write(Array(Fixtures.secret.utf8), to: folder + "/secret.txt")
        for day in 0..<6 {
            var lines: [String] = []
            // Every other day lists the conversations backwards, so the end of one file and the start
            // of the next, which workers read at the same time, hold the same conversations.
            for conversation in day % 2 == 0 ? Array(0..<120) : (0..<120).reversed() {
                // Each day re-sends the same thread (id 7) with the reply an hour later than the
                // day before, signed by a differently named agent.
                let question = JSONValue.object([
                    ("id", .int(1)), ("type", .string("customer")), ("createdAt", .string("2026-10-01T10:00:00Z")),
                    ("createdBy", .object([("id", .int(9)), ("type", .string("customer"))])),
                ])
                let reply = JSONValue.object([
                    ("id", .int(2)), ("type", .string("message")),
                    ("createdAt", .string("2026-10-01T1\(day + 1):00:00Z")),
                    (
                        "createdBy",
                        .object([
                            ("id", .int(301)), ("type", .string("user")), ("first", .string("Agent\(day)")),
                            ("last", .string("X")),
                        ])
                    ),
                ])
                let body = JSONValue.object([
                    ("id", .int(Int64(1000 + conversation))), ("status", .string("active")),
                    ("createdAt", .string("2026-10-01T10:00:00Z")),
                    // Each day's events come a minute later, all within the hour the customer
                    // waits, so every reply is in the report's period.
                    ("userUpdatedAt", .string("2026-10-01T10:0\(day):00Z")), ("mailboxId", .int(101)),
                    ("_embedded", .object([("threads", .array([question, reply]))])),
                ])
                lines.append(Fixtures.signedLine(body, event: "convo.status"))
            }
            Fixtures.write(Array((lines.joined(separator: "\n") + "\n").utf8), to: folder + "/archive/day\(day).jsonl")
        }
        let one = try csvs(folder: folder + "/archive", secretFile: folder + "/secret.txt", jobs: 1, batchSize: 1 << 20)
        // The first copy: the reply an hour after the customer wrote, by Agent0.
        #expect(one[0].contains("=Agent0 "))
        #expect(one[1].contains("response,all,all,120,3600.000"))
        for (jobs, batchSize) in [(2, 2048), (4, 1024), (3, 4096), (2, 1024), (4, 2048)] {
            #expect(
                try csvs(
                    folder: folder + "/archive", secretFile: folder + "/secret.txt", jobs: jobs, batchSize: batchSize)
                    == one)
        }
    }

    @Test func metricsComputedInPartsEqualOnePass() throws {
        let whole = try csvs(jobs: 2, batchSize: 1 << 20, parts: 1)
        for parts in [2, 3, 7] {
            #expect(try csvs(jobs: 2, batchSize: 1 << 20, parts: parts) == whole, "\(parts) parts")
        }
    }
}
