import Crypto
import Foundation
import TestSupport
import Testing

@testable import HelpScoutArchive

/// A partial that is not exactly what `partial` wrote is refused, with the file named and the
/// reason, before a report could be written from it.
@Suite struct PartialFileTests {
    /// A small partial: a verified event, a retry, a forged line and a malformed one.
    static func smallPartial(in folder: String, fingerprints: KernelChoice = .configured) throws -> [UInt8] {
        let good = Fixtures.signedLine(Fixtures.conversation(id: 5))
        let forged = Fixtures.signedLine(Fixtures.conversation(id: 6), secret: "another")
        Fixtures.write(Array([good, good, forged, "{"].joined(separator: "\n").utf8), to: folder + "/a.jsonl")
        let inputs = InputDiscovery.archives(for: [folder + "/a.jsonl"])
        let path = folder + "/small-\(UUID().uuidString).partial"
        let file = try OutputFile(creating: RawPath(path), name: path)
        let recorder = PartialRecorder(
            writer: try PartialFileWriter(file: file), version: "test", keyIds: Fixtures.keyring().keyIds,
            inputs: inputs, fingerprints: fingerprints)
        try recorder.finish(
            summary: ArchivePipeline(inputs: inputs, keyring: Fixtures.keyring(), options: .init(jobs: 1)).run(
                observer: recorder))
        try file.close()
        return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func refusal(_ partials: [[UInt8]], readingAhead: Bool = false) -> PartialFileError? {
        do {
            _ = try PartialRuns.merge(partials, readingAhead: readingAhead)
            return nil
        } catch {
            return error
        }
    }

    @Test(.temporaryFolder) func anAlteredByteAnywhereIsRefused() throws {
        let bytes = try Self.smallPartial(in: TemporaryFolder.path)
        #expect(Self.refusal([bytes]) == nil)
        #expect(try PartialRuns.merge([bytes]).0.summary.count(.duplicate) == 1)
        var accepted: [Int] = []
        for index in bytes.indices {
            for bit in [0, 7] {
                var altered = bytes
                altered[index] ^= 1 << bit
                if Self.refusal([altered]) == nil { accepted.append(index) }
            }
        }
        #expect(accepted == [], "\(bytes.count) bytes")
    }

    @Test(.temporaryFolder) func aPartialCutShortOrWithBytesAfterItsEndIsRefused() throws {
        let bytes = try Self.smallPartial(in: TemporaryFolder.path)
        for length in 0..<bytes.count {
            let error = Self.refusal([Array(bytes.prefix(length))])
            #expect(error != nil, "cut to \(length) bytes")
        }
        #expect(Self.refusal([Array(bytes.prefix(bytes.count - 32))])?.reason.contains("cut short") == true)
        #expect(Self.refusal([bytes + [0]])?.reason == "bytes follow its end: the file is damaged")
    }

    @Test(.temporaryFolder) func anotherFormatVersionOrAnotherFileIsRefusedByName() throws {
        var bytes = try Self.smallPartial(in: TemporaryFolder.path)
        bytes[PartialFile.magic.count] = 2
        let version = Self.refusal([try Self.smallPartial(in: TemporaryFolder.path), bytes])
        #expect(version?.name == "p1")
        #expect(version?.message.hasPrefix("cannot merge the partial p1: it is in partial format version 2") == true)
        let notAPartial = "it is not an hsarchive partial (its first bytes are not HSARCHIVE-PARTIAL)"
        let archive = Self.refusal([Fixtures.gzip(Fixtures.signedLine(Fixtures.conversation()))])
        #expect(archive?.reason == notAPartial)
        // Regression: a file shorter than the header was called a partial cut short, and a garbage
        // version field a future format.
        #expect(Self.refusal([Array("hello world\n".utf8)])?.reason == notAPartial)
        #expect(Self.refusal([Array("HSARCHIVE-PAR".utf8)])?.reason.contains("cut short") == true)
        var garbage = try Self.smallPartial(in: TemporaryFolder.path)
        garbage.replaceSubrange(PartialFile.magic.count..<(PartialFile.magic.count + 4), with: Array("blah".utf8))
        #expect(Self.refusal([garbage])?.reason.hasSuffix("which no hsarchive writes: the file is damaged") == true)
    }

    @Test(.temporaryFolder) func partialsWhoseRetriesAreRecognisedDifferentlyAreRefused() throws {
        let folder = TemporaryFolder.path
        let scalar = try Self.smallPartial(in: folder, fingerprints: .scalar)
        let kernels = try Self.smallPartial(in: folder, fingerprints: KernelChoice.best.runsKernels ? .best : .scalar)
        let error = Self.refusal([scalar, try Self.smallPartial(in: folder, fingerprints: .scalar), kernels])
        if KernelChoice.best.runsKernels {
            #expect(error?.name == "p2")
            #expect(error?.reason.contains("HSARCHIVE_SCALAR_JSON=1") == true)
        } else {
            #expect(error == nil)
        }
    }

    /// Behind a valid checksum, records that are not what `partial` writes (a hand-made or buggy
    /// writer) are refused or read, never a crash: every byte of every block set to a few values.
    @Test(.temporaryFolder) func damagedRecordsBehindAValidChecksumNeverCrashTheMerge() throws {
        let folder = TemporaryFolder.path
        let reader = try PartialFileReader(source: MemorySource(try Self.smallPartial(in: folder)))
        var blocks: [[UInt8]] = []
        while let block = try reader.nextBlock() { blocks.append(block) }
        #expect(!blocks.isEmpty)
        var refused = 0, altered = 0
        for (which, records) in blocks.enumerated() {
            for index in records.indices {
                for value: UInt8 in [0, 0x80, 0xFF] where records[index] != value {
                    var changed = blocks
                    changed[which][index] = value
                    let partial = try Self.framed(
                        changed.map { block in { $0.append(block) } }, in: folder)
                    altered += 1
                    let refusal = Self.refusal([partial])
                    if refusal != nil { refused += 1 }
                    // Conversation records read ahead on another thread are refused for the same
                    // reason as when the merge reads them itself.
                    #expect(Self.refusal([partial], readingAhead: true) == refusal, "block \(which), byte \(index)")
                }
            }
        }
        // Most changes break a record's structure, and each of those is refused.
        #expect(refused * 2 > altered)
    }

    /// `partial` writes conversation records in blocks of their own, which a merge reads ahead
    /// (`ConversationBlock`); a block of other records, or damaged ones, is left to the merge.
    @Test(.temporaryFolder) func conversationRecordsHaveBlocksOfTheirOwn() throws {
        let reader = try PartialFileReader(source: MemorySource(try Self.smallPartial(in: TemporaryFolder.path)))
        var blocks: [[UInt8]] = []
        while let block = try reader.nextBlock() { blocks.append(block) }
        let conversations = blocks.compactMap(ConversationBlock.init(block:))
        #expect(conversations.count == 1 && blocks.count > 1)
        #expect(conversations.first?.ids == [5])
        #expect(conversations.first?.records?.records.map(\.id) == [5])
        let block = try #require(blocks.first { ConversationBlock(block: $0) != nil })
        #expect(ConversationBlock(block: block + [PartialRecord.rating.rawValue]) == nil)
        #expect(ConversationBlock(block: Array(block.dropLast())) == nil)
    }

    /// A partial written record by record, framed with a valid checksum: what a faulty writer or a
    /// hand-made file could hold.
    static func framed(_ blocks: [(inout PartialEncoder) -> Void], in folder: String) throws -> [UInt8] {
        let path = folder + "/framed-\(UUID().uuidString)"
        let file = try OutputFile(creating: RawPath(path), name: path)
        let writer = try PartialFileWriter(file: file)
        for write in blocks {
            var records = PartialEncoder()
            write(&records)
            try writer.writeBlock(records.bytes)
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        try writer.finish()
        try file.close()
        return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// A start record with no key ids, for hand-made partials (`framed`).
    static func start(_ records: inout PartialEncoder) {
        records.byte(PartialRecord.start.rawValue)
        records.text("test")
        records.text(FingerprintMethod.name(.configured))
        records.count(0)
    }

    /// Regression: behind a valid checksum, an event at the end of time trapped in the day
    /// arithmetic, and counts near Int.max trapped when two partials were added (or hung, counting
    /// duplicates one by one). Such values are refused as damage.
    @Test(.temporaryFolder) func extremeTimesAndCountsBehindAValidChecksumAreRefusedNotACrash() throws {
        let start = Self.start
        let lateEvent = try Self.framed(
            [
                { records in
                    start(&records)
                    records.byte(PartialRecord.event.rawValue)
                    records.fixed(42)
                    records.byte(0)
                    records.signed(Int64.max)
                }
            ], in: TemporaryFolder.path)
        #expect(Self.refusal([lateEvent])?.reason == "a number is out of range: the file is damaged")
        let hugeCount = try Self.framed(
            [
                start,
                { records in
                    records.byte(PartialRecord.end.rawValue)
                    records.count(0)
                    records.count(Int.max)
                },
            ], in: TemporaryFolder.path)
        #expect(Self.refusal([hugeCount])?.reason == "a number is out of range: the file is damaged")
    }

    /// Regression: every input's name went into the start record, so 80,000 inputs made a record
    /// over the reader's block limit: a partial its own merge refused. Inputs now take records of
    /// 4,096 each.
    @Test(.temporaryFolder) func aPartialOfManyInputsMerges() throws {
        let folder = TemporaryFolder.path
        let count = PartialRecord.inputsPerRecord + 5
        var paths: [String] = []
        for index in 0..<count {
            let path = folder + "/inputs/\(index).jsonl"
            Fixtures.write(
                index == 7 ? Array((Fixtures.signedLine(Fixtures.conversation()) + "\n").utf8) : [], to: path)
            paths.append(path)
        }
        let inputs = InputDiscovery.archives(for: paths)
        let expected = PartialRuns.report(inputs, keyring: Fixtures.keyring(), jobs: 2)
        let partial = try PartialRuns.partial(inputs, keyring: Fixtures.keyring(), jobs: 2, in: folder)
        let (merged, sources) = try PartialRuns.merge([partial])
        #expect(merged.differences(from: expected) == [])
        #expect(sources.map(\.inputCount) == [count])
        #expect(merged.summary.emptyInputs.count == count - 1)
    }

    /// A block's zlib header with a window beyond 32 KiB (valid otherwise, its check bits recomputed)
    /// is refused as zlib refuses it, by ISA-L's reader too, which does not check the window itself.
    @Test(.temporaryFolder) func aBlockWhoseZlibHeaderGivesAnImpossibleWindowIsRefused() throws {
        var bytes = try Self.smallPartial(in: TemporaryFolder.path)
        let stream = PartialFile.magic.count + 4 + 8
        #expect(bytes[stream] == 0x78)
        bytes[stream] = 0x88
        let levelBits = bytes[stream + 1] & 0xE0
        bytes[stream + 1] = levelBits | UInt8((31 - (0x88 * 256 + Int(levelBits)) % 31) % 31)
        #expect((Int(bytes[stream]) * 256 + Int(bytes[stream + 1])) % 31 == 0)
        bytes.replaceSubrange((bytes.count - 32)..., with: Array(SHA256.hash(data: bytes[..<(bytes.count - 32)])))
        let refusal = Self.refusal([bytes])
        #expect(refusal?.reason.hasPrefix("a block does not decompress") == true, "\(String(describing: refusal))")
    }

    /// A block's zlib stream ends with the Adler-32 of its records: behind a recomputed SHA-256 (a
    /// faulty writer, or a reader that stopped checking it), a wrong one is refused.
    @Test(.temporaryFolder) func aBlockWhoseAdler32DoesNotMatchItsRecordsIsRefused() throws {
        var bytes = try Self.smallPartial(in: TemporaryFolder.path)
        let header = PartialFile.magic.count + 4
        let compressedLength = Int(PartialFileReader.uint32(bytes, at: header))
        bytes[header + 8 + compressedLength - 1] ^= 1
        bytes.replaceSubrange((bytes.count - 32)..., with: Array(SHA256.hash(data: bytes[..<(bytes.count - 32)])))
        let refusal = Self.refusal([bytes])
        #expect(refusal?.reason.hasPrefix("a block does not decompress") == true, "\(String(describing: refusal))")
    }
}
