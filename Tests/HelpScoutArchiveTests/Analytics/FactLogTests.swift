import HelpScoutArchiveSamples
import Testing

@testable import HelpScoutArchive

@Suite struct FactLogTests {
    @Test func everyRecordReadsBackAsWritten() {
        var random = SampleRandom(seed: 7)
        let extremes: [Int64] = [0, 1, -1, Int64(Int32.max), -3_155_760_000_000, 253_402_300_799_999]
        for _ in 0..<200 {
            var log = FactLog()
            var written: [(SnapshotFact, Int64)?] = []
            var threads: [ThreadFact] = []
            for _ in 0..<random.int(0...40) {
                func time() -> Int64 {
                    random.chance(0.2) ? random.pick(extremes) : 1_791_000_000_000 + Int64(random.int(0...900_000_000))
                }
                if random.chance(0.5) {
                    let snapshot = SnapshotFact(
                        time: time(), closedEnd: random.chance(0.3) ? time() : Fact.none,
                        sequence: UInt32(random.int(0...4_000_000_000)),
                        tagSet: Int32(random.int(-1...500)), assignee: Int32(random.int(-1...70_000)),
                        mailbox: Int32(random.int(-1...9)))
                    let createdAt = random.chance(0.2) ? Fact.none : time()
                    log.append(snapshot, createdAt: createdAt)
                    written.append((snapshot, createdAt))
                } else {
                    let thread = ThreadFact(
                        id: random.chance(0.1)
                            ? Fact.none : (random.chance(0.1) ? Int64.max : Int64(random.int(1...2_000_000_000))),
                        time: time(), author: Int32(random.int(-1...1000)),
                        kind: ThreadRecord.Kind(rawValue: UInt8(random.int(0...3)))!)
                    log.append(thread)
                    threads.append(thread)
                    written.append(nil)
                }
            }
            var snapshotsRead: [(SnapshotFact, Int64)] = []
            var threadsRead: [ThreadFact] = []
            log.read(snapshot: { snapshotsRead.append(($0, $1)) }, thread: { threadsRead.append($0) })
            let snapshotsWritten = written.compactMap { $0 }
            #expect(snapshotsRead.map(\.0) == snapshotsWritten.map(\.0))
            #expect(snapshotsRead.map(\.1) == snapshotsWritten.map(\.1))
            #expect(threadsRead == threads)
        }
    }

    /// The word-at-a-time read (`VarintWord`) must give what a byte-by-byte read gives, in a log and
    /// in a partial, for every length of number and however near the end it ends (the word is read
    /// only with eight bytes left).
    @Test func aNumberReadsTheSameWhereverItEnds() throws {
        let values: [UInt64] = (1...64).flatMap { (bits: Int) -> [UInt64] in
            let pattern: UInt64 = 0xA5A5_A5A5_A5A5_A5A5 >> (64 - bits)
            return [UInt64.max >> (64 - bits), pattern | (1 << (bits - 1))]
        }
        for value in [UInt64(0)] + values {
            let bits = 64 - value.leadingZeroBitCount
            var encoded: [UInt8] = []
            var rest = value
            while rest >= 0x80 {
                encoded.append(UInt8(rest & 0x7F) | 0x80)
                rest >>= 7
            }
            encoded.append(UInt8(rest))
            for before in 0...2 {
                for after in 0...9 {
                    let bytes =
                        [UInt8](repeating: 0x81, count: before) + encoded + [UInt8](repeating: 0xFF, count: after)
                    var index = before
                    let read = bytes.withUnsafeBufferPointer { FactLog.unsigned($0, &index) }
                    #expect(read == value, "\(bits) bits, \(after) bytes after")
                    #expect(index == before + encoded.count, "\(bits) bits, \(after) bytes after")
                    var decoder = PartialDecoder(bytes)
                    for _ in 0..<before { _ = try decoder.byte() }
                    #expect(try decoder.unsigned() == value, "\(bits) bits, \(after) bytes after, in a partial")
                    #expect(decoder.index == before + encoded.count, "\(bits) bits, \(after) bytes after, in a partial")
                }
            }
        }
    }

    /// A partial's number longer than 64 bits, or cut short by the block's end, is refused as the
    /// byte-by-byte read refused it, however many bytes follow.
    @Test func aNumberTooLongOrCutShortIsRefused() {
        for after in 0...9 {
            var tooLong = PartialDecoder(
                [UInt8](repeating: 0x80, count: 11) + [0x00] + [UInt8](repeating: 0, count: after))
            #expect(throws: PartialFileError.Damage.badNumber) { try tooLong.unsigned() }
        }
        for count in 1...12 {
            var cutShort = PartialDecoder([UInt8](repeating: 0xFF, count: count))
            #expect(throws: count <= 10 ? PartialFileError.Damage.recordCutShort : .badNumber) {
                try cutShort.unsigned()
            }
        }
    }

    @Test func threadsAreKeptOnceAcrossTheSwitchToASet() {
        var facts = ConversationFacts()
        let threshold = Int(ConversationFacts.threadSetThreshold)
        for round in 0..<3 {
            facts.add(
                (0..<(threshold + 10)).map {
                    ThreadFact(id: Int64($0), time: Int64($0 + round), author: -1, kind: .note)
                })
            facts.add([ThreadFact(id: Fact.none, time: 5, author: 2, kind: .agentReply)])
        }
        let threads = facts.ordered().threads
        #expect(threads.count == threshold + 11)
        #expect(threads.filter { $0.id == 3 }.map(\.time) == [3])  // the first seen is kept
    }

    @Test func aLogIsSmallerThanTheFactsItHolds() {
        var log = FactLog()
        for index in 0..<10 {
            log.append(
                SnapshotFact(
                    time: 1_791_000_000_000 + Int64(index) * 3_600_000, closedEnd: Fact.none,
                    sequence: UInt32(1000 + index * 40),
                    tagSet: 3, assignee: 5, mailbox: 1), createdAt: 1_791_000_000_000)
        }
        // A 36-byte header, then under 14 bytes a snapshot.
        #expect(log.bytes.count < 36 + 10 * 14)
    }
}

@Suite struct FactLogThreadIdTests {
    @Test func threadIdsAloneMatchAFullRead() {
        var random = SampleRandom(seed: 11)
        for _ in 0..<100 {
            var log = FactLog()
            for _ in 0..<random.int(0...30) {
                if random.chance(0.5) {
                    log.append(
                        SnapshotFact(
                            time: Int64(random.int(0...1_000_000_000)), closedEnd: random.chance(0.5) ? 5 : Fact.none,
                            sequence: UInt32(random.int(0...100_000)), tagSet: -1,
                            assignee: Int32(random.int(-1...300)), mailbox: 0),
                        createdAt: random.chance(0.5) ? Fact.none : 42)
                } else {
                    log.append(
                        ThreadFact(
                            id: Int64(random.int(0...3_000_000_000)) - 1_000_000_000, time: 7, author: -1,
                            kind: .agentReply))
                }
            }
            var full: [Int64] = []
            log.read(snapshot: { _, _ in }, thread: { full.append($0.id) })
            var lean: [Int64] = []
            log.forEachThreadId { lean.append($0) }
            #expect(lean == full)
        }
    }
}
