import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

@testable import HelpScoutArchive

/// `merge` of partials gives exactly what one run over their archives gives, for every way of
/// splitting the archives into partials and whatever the jobs.
@Suite struct PartialMergeTests {
    /// A generated set (with the generator's hostile lines) and inputs that make merging hard:
    /// retries of other files' deliveries before and after them, an input cut short, an empty one,
    /// one of noise, and two agents whose names Swift calls equal but whose bytes differ.
    static func hostileSet(in folder: String, seed: UInt64, days: Int = 3) throws -> (
        inputs: [ArchiveInput], keyring: SecretKeyring
    ) {
        var configuration = SampleArchiveGenerator.Configuration()
        configuration.seed = seed
        configuration.days = days
        configuration.conversationsPerDay = 12
        configuration.rotationDay = 2
        let generated = try SampleArchiveGenerator(configuration).generate(
            into: folder + "/generated", secretFile: folder + "/secrets.txt")
        let files = generated.files.sorted()
        let lines = files.map { file in
            Fixtures.readLines(Array(try! Data(contentsOf: URL(fileURLWithPath: file)))).lines.map(\.1)
        }
        var random = SampleRandom(seed: seed ^ 0xFEED)
        let early = lines.last!.filter { _ in random.chance(0.2) }
        let late = lines.dropLast().flatMap { $0.filter { _ in random.chance(0.1) } }
        Fixtures.write(Array((early.joined(separator: "\n") + "\n").utf8), to: folder + "/extra/a-early-retries.jsonl")
        Fixtures.write(
            Fixtures.gzip(late.joined(separator: "\n") + "\n"), to: folder + "/extra/z1-late-retries.jsonl.gz")
        let whole = Fixtures.gzip(lines[0].prefix(40).joined(separator: "\n") + "\n")
        Fixtures.write(Array(whole.prefix(whole.count * 2 / 3)), to: folder + "/extra/z2-cut.jsonl.gz")
        Fixtures.write([], to: folder + "/extra/z3-empty.jsonl")
        Fixtures.write(Array("not json\n{\"headers\":1}\n\u{1B}[31m\n".utf8), to: folder + "/extra/z4-noise.jsonl")
        let secret = configuration.currentSecret
        let names = [(1, "Jos\u{E9}"), (2, "Jose\u{301}")].map { id, name in
            Fixtures.signedLine(
                Fixtures.conversation(
                    id: Int64(900 + id), at: "2026-10-06T12:00:00Z",
                    extra: [
                        (
                            "assignee",
                            .object([("id", .int(Int64(id))), ("first", .string(name)), ("last", .string("Ramos"))])
                        )
                    ]),
                secret: secret)
        }
        let unsigned = #"{"headers":{"X-HelpScout-Event":"convo.created"},"body":"{}"}"#
        let undecodable = DeliveryLine.signed("[1]", secret: secret, event: "convo.created").serialized()
        Fixtures.write(
            Array(((names + [unsigned, undecodable]).joined(separator: "\n") + "\n").utf8),
            to: folder + "/extra/z5-names.jsonl")
        let paths =
            [folder + "/extra/a-early-retries.jsonl"] + files
            + ["z1-late-retries.jsonl.gz", "z2-cut.jsonl.gz", "z3-empty.jsonl", "z4-noise.jsonl", "z5-names.jsonl"].map
        {
            folder + "/extra/" + $0
        }
        return (
            InputDiscovery.archives(for: paths),
            Fixtures.keyring([configuration.previousSecret, configuration.currentSecret])
        )
    }

    /// Every split of `count` inputs into consecutive groups, as group sizes.
    static func splits(of count: Int) -> [[Int]] {
        guard count > 0 else { return [[]] }
        return (1...count).flatMap { first in splits(of: count - first).map { [first] + $0 } }
    }

    @Test(.temporaryFolder) func everySplitOfAHostileSetMergesToTheReportOfOneRun() throws {
        let folder = TemporaryFolder.path
        let (inputs, keyring) = try Self.hostileSet(in: folder, seed: 7)
        let expected = PartialRuns.report(inputs, keyring: keyring, jobs: 2)
        // The set exercises what it is meant to.
        #expect(expected.summary.count(.duplicate) > 20)
        for status in DeliveryStatus.allCases { #expect(expected.summary.count(status) > 0, "\(status)") }
        #expect(expected.summary.failures.count == 1 && !expected.summary.emptyInputs.isEmpty)
        #expect(!expected.summary.inputsAllMalformed.isEmpty)
        #expect(PartialRuns.report(inputs, keyring: keyring, jobs: 1).differences(from: expected) == [])
        // Both spellings of José reach report.md, byte for byte.
        #expect(expected.files(holding: "Jose\u{301} Ramos").contains(ReportFiles.markdown))
        #expect(expected.files(holding: "Jos\u{E9} Ramos").contains(ReportFiles.markdown))

        // A partial of every run of consecutive inputs, each made with 1 or 2 jobs.
        var partials: [Range<Int>: [UInt8]] = [:]
        for start in inputs.indices {
            for end in (start + 1)...inputs.count {
                partials[start..<end] = try PartialRuns.partial(
                    Array(inputs[start..<end]), keyring: keyring, jobs: 1 + (start + end) % 2, in: folder)
            }
        }
        let splits = Self.splits(of: inputs.count)
        #expect(splits.count == 1 << (inputs.count - 1))
        for split in splits {
            var start = 0
            let groups = split.map { size in
                defer { start += size }
                return partials[start..<(start + size)]!
            }
            let (merged, sources) = try PartialRuns.merge(groups)
            #expect(merged.differences(from: expected) == [], "split \(split)")
            #expect(sources.map(\.inputCount) == split)
            let (mergedAhead, _) = try PartialRuns.merge(groups, readingAhead: true)
            #expect(mergedAhead.differences(from: expected) == [], "split \(split), read ahead")
        }
    }

    /// Random sets, random splits (not only consecutive groups of a fixed order: the archives are
    /// shuffled first), random jobs: merge equals the run in that order.
    @Test(.temporaryFolder, arguments: [11, 23, 99] as [UInt64])
    func randomSplitsOfRandomSetsMergeExactly(seed: UInt64) throws {
        let folder = TemporaryFolder.path
        var (inputs, keyring) = try Self.hostileSet(in: folder, seed: seed, days: 3)
        var random = SampleRandom(seed: seed)
        for _ in 0..<4 {
            for index in inputs.indices.reversed() { inputs.swapAt(index, random.int(0...index)) }
            let expected = PartialRuns.report(inputs, keyring: keyring, jobs: random.int(1...2))
            var groups: [[UInt8]] = []
            var start = 0
            while start < inputs.count {
                let end = min(inputs.count, start + random.int(1...4))
                groups.append(
                    try PartialRuns.partial(
                        Array(inputs[start..<end]), keyring: keyring, jobs: random.int(1...2), in: folder))
                start = end
            }
            #expect(try PartialRuns.merge(groups).0.differences(from: expected) == [])
        }
    }

    /// A key rotation between nights: partials verified with different keyrings merge, and the
    /// summary lists each one's key ids.
    @Test(.temporaryFolder) func partialsOfDifferentKeyringsMergeAndListTheirKeys() throws {
        let folder = TemporaryFolder.path
        let old = "rotation-old", new = "rotation-new"
        let first = Fixtures.signedLine(Fixtures.conversation(id: 1), secret: old)
        let second = Fixtures.signedLine(Fixtures.conversation(id: 2, at: "2026-10-06T10:00:00Z"), secret: new)
        Fixtures.write(Array((first + "\n").utf8), to: folder + "/a.jsonl")
        Fixtures.write(Array((second + "\n" + first + "\n").utf8), to: folder + "/b.jsonl")
        let a = InputDiscovery.archives(for: [folder + "/a.jsonl"])
        let b = InputDiscovery.archives(for: [folder + "/b.jsonl"])
        let (merged, sources) = try PartialRuns.merge([
            try PartialRuns.partial(a, keyring: Fixtures.keyring([old]), jobs: 1, in: folder),
            try PartialRuns.partial(b, keyring: Fixtures.keyring([new, old]), jobs: 1, in: folder),
        ])
        let oldId = Fixtures.keyring([old]).keyIds[0], newId = Fixtures.keyring([new]).keyIds[0]
        #expect(sources.map(\.keyIds) == [[oldId], [newId, oldId]])
        #expect(merged.summary.keys.map(\.keyId) == [oldId, newId])
        #expect(merged.summary.keys.map(\.signaturesMatched) == [2, 1])
        #expect(merged.summary.count(.verified) == 2 && merged.summary.count(.duplicate) == 1)
    }
}
