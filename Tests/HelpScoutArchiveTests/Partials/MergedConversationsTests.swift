import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

@testable import HelpScoutArchive

/// A merge keeps its partials' conversation records and gathers each conversation's facts when the
/// metrics come to it (`MergedConversations`): the result is what adding each record to the store as
/// it was read gives, the one-run report, in any number of parts and in any order of records.
@Suite struct MergedConversationsTests {
    /// The rendered files of `store`'s metrics computed in `parts` parts.
    static func files(_ store: FactStore, parts: Int) -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let analytics = AnalyticsResult(store: store, parts: parts)
        for file in ReportRendering.files(
            summary: RunSummary(), analytics: analytics, audit: AuditExcerpt(timeZone: .utc))
        {
            files[file.name] = Array(file.text.utf8)
        }
        return files
    }

    /// The store a merge of `partials` gathers.
    static func mergedStore(_ partials: [[UInt8]]) throws -> FactStore {
        let observer = ReportObserver()
        var merge = PartialMerge()
        for (index, bytes) in partials.enumerated() {
            try merge.add(MemorySource(bytes), name: "p\(index)", observer: observer, store: &observer.store)
        }
        return observer.store
    }

    /// The parts split the records at conversations' first records: every count of parts gives the
    /// files of one, and those of one run (the default makes one part below 2,000 conversations).
    @Test(.temporaryFolder) func theMetricsOfAMergeAreTheSameInAnyNumberOfParts() throws {
        let folder = TemporaryFolder.path
        let (inputs, keyring) = try PartialMergeTests.hostileSet(in: folder, seed: 5, days: 4)
        let partials = try inputs.map { try PartialRuns.partial([$0], keyring: keyring, jobs: 1, in: folder) }
        let store = try Self.mergedStore(partials)
        #expect(store.conversations.isEmpty && store.conversationCount > 40)
        let run = ReportObserver()
        _ = ArchivePipeline(inputs: inputs, keyring: keyring, options: .init(jobs: 1)).run(observer: run)
        let expected = Self.files(run.store, parts: 1)
        #expect(expected["response_times.csv"].map { $0.count > 500 } == true)
        for parts in 1...7 {
            #expect(Self.files(store, parts: parts) == expected, "\(parts) parts")
        }
    }

    /// Regression guard for the merge's order of records: a partial whose conversation records are
    /// not in id order (a hand-made or other writer; `partial` sorts them) merges as in order.
    @Test(.temporaryFolder) func conversationRecordsOutOfOrderMergeAsInOrder() throws {
        let folder = TemporaryFolder.path
        let (inputs, keyring) = try PartialMergeTests.hostileSet(in: folder, seed: 8, days: 3)
        let partial = try PartialRuns.partial(inputs, keyring: keyring, jobs: 1, in: folder)
        let reader = try PartialFileReader(source: MemorySource(partial))
        var blocks: [[UInt8]] = []
        var reversed = 0
        while var block = try reader.nextBlock() {
            if let conversations = ConversationBlock(block: block), conversations.ids.count > 1 {
                // Each record from the kind byte before its fields to the next record's.
                let starts = conversations.offsets.map { Int($0) - 1 } + [block.count]
                let records = starts.indices.dropLast().map { block[starts[$0]..<starts[$0 + 1]] }
                block = Array(records.reversed().joined())
                reversed += 1
                #expect(ConversationBlock(block: block)?.ids == conversations.ids.reversed())
            }
            blocks.append(block)
        }
        #expect(reversed > 0)
        let reordered = try PartialFileTests.framed(blocks.map { block in { $0.append(block) } }, in: folder)
        let expected = PartialRuns.report(inputs, keyring: keyring, jobs: 1)
        #expect(try PartialRuns.merge([reordered]).0.differences(from: expected) == [])
        #expect(try PartialRuns.merge([reordered], readingAhead: true).0.differences(from: expected) == [])
    }

    /// One conversation in two partials: its threads without an id, a thread with an id and a
    /// deleted conversation, each in both, are counted once, as in one run.
    @Test(.temporaryFolder) func threadsAndMarksInSeveralPartialsCountOnce() throws {
        let folder = TemporaryFolder.path
        func thread(_ id: Int64?, _ type: String, at time: String, by author: Int64) -> JSONValue {
            .object(
                (id.map { [("id", JSONValue.int($0))] } ?? []) + [
                    ("type", .string(type)), ("createdAt", .string(time)),
                    (
                        "createdBy",
                        .object([("id", .int(author)), ("type", .string(type == "customer" ? "customer" : "user"))])
                    ),
                ])
        }
        func conversation(_ id: Int64, at time: String, threads: [JSONValue]) -> JSONValue {
            Fixtures.conversation(
                id: id, at: "2026-10-05T10:00:00Z",
                extra: [("userUpdatedAt", .string(time)), ("_embedded", .object([("threads", .array(threads))]))])
        }
        let asked = thread(nil, "customer", at: "2026-10-05T10:00:00Z", by: 9)
        let answered = thread(5, "reply", at: "2026-10-05T10:30:00Z", by: 301)
        let askedAgain = thread(nil, "customer", at: "2026-10-05T11:00:00Z", by: 9)
        let answeredAgain = thread(6, "reply", at: "2026-10-05T12:00:00Z", by: 302)
        let first = [
            Fixtures.signedLine(conversation(7, at: "2026-10-05T10:30:00Z", threads: [asked, answered])),
            Fixtures.signedLine(conversation(8, at: "2026-10-05T10:00:00Z", threads: [])),
        ]
        let second = [
            Fixtures.signedLine(
                conversation(7, at: "2026-10-05T12:00:00Z", threads: [asked, answered, askedAgain, answeredAgain]),
                event: "convo.agent.reply.created"),
            Fixtures.signedLine(
                .object([("id", .int(8))]), event: "convo.deleted", receivedAt: "2026-10-05T13:00:00Z"),
        ]
        Fixtures.write(Array(first.joined(separator: "\n").utf8), to: folder + "/a.jsonl")
        Fixtures.write(Array(second.joined(separator: "\n").utf8), to: folder + "/b.jsonl")
        let inputs = InputDiscovery.archives(for: [folder + "/a.jsonl", folder + "/b.jsonl"])
        let partials = try inputs.map {
            try PartialRuns.partial([$0], keyring: Fixtures.keyring(), jobs: 1, in: folder)
        }
        let expected = PartialRuns.report(inputs, keyring: Fixtures.keyring(), jobs: 1)
        #expect(expected.summary.count(.verified) == 4)
        #expect(try PartialRuns.merge(partials).0.differences(from: expected) == [])

        var store = try Self.mergedStore(partials)
        store.finishMerge()
        #expect(store.conversationCount == 2)
        #expect(store.deletion(of: 8) == true && store.deletion(of: 7) == false && store.deletion(of: 9) == nil)
        // 10:00 → 10:30 and 11:00 → 12:00: each wait once, though both partials carry the first.
        let all = AnalyticsResult(store: store).responseTimes.first { $0.metric == .response && $0.key == .all }
        #expect(all?.summary.count == 2 && all?.summary.mean == (1800 + 3600) / 2)
    }

    /// A block of conversation records whose facts refer to an agent beyond the partial's table, or
    /// to no event of it, is refused on its largest numbers (`PartialFactMerger.add(_:)`), for the
    /// same reason as the same record among other records, which the merge reads fact by fact.
    @Test(.temporaryFolder) func aBlockReferringToNothingIsRefusedAsTheSameRecordAmongOthers() throws {
        func startAndEvent(_ records: inout PartialEncoder) {
            PartialFileTests.start(&records)
            records.byte(PartialRecord.event.rawValue)
            records.fixed(42)
            records.byte(0)
            records.signed(1_790_000_000_000)
        }
        /// Conversation 7 with one open snapshot by event `sequence`, assigned to agent `agent`.
        func conversation(_ records: inout PartialEncoder, agent: Int, sequence: Int64) {
            records.byte(PartialRecord.conversation.rawValue)
            records.signed(7)
            records.byte(0)
            records.count(1)
            records.byte(1)
            records.signed(1_790_000_000_000)
            records.signed(sequence)
            records.count(agent)
            records.count(0)
            records.count(0)
        }
        let cases: [(agent: Int, sequence: Int64, reason: String)] = [
            (5, 1, "a number is out of range: the file is damaged"),
            (0, 0, "a fact names no event: the file is damaged"),
            (0, 2, "a fact names no event: the file is damaged"),
            // Nothing wrong with the record: the partial is refused only at its end.
            (0, 1, "it has no end record: the file is damaged"),
        ]
        for (agent, sequence, reason) in cases {
            let alone = try PartialFileTests.framed(
                [startAndEvent, { conversation(&$0, agent: agent, sequence: sequence) }], in: TemporaryFolder.path)
            let amongOthers = try PartialFileTests.framed(
                [
                    startAndEvent,
                    { records in
                        records.byte(PartialRecord.agents.rawValue)
                        records.count(0)
                        conversation(&records, agent: agent, sequence: sequence)
                    },
                ], in: TemporaryFolder.path)
            #expect(PartialFileTests.refusal([alone])?.reason == reason, "\(agent), \(sequence)")
            #expect(PartialFileTests.refusal([alone], readingAhead: true)?.reason == reason, "\(agent), \(sequence)")
            #expect(PartialFileTests.refusal([amongOthers])?.reason == reason, "\(agent), \(sequence)")
        }
    }
}
