import HelpScoutArchive
import Testing

@Suite struct ArchiveReaderTests {
    let lines = (1...300).map { index in
        index % 17 == 0
            ? ""
            : (index % 23 == 0 ? "  \t" : "{\"n\":\(index),\"pad\":\"\(String(repeating: "x", count: index % 41))\"}")
    }
    var text: String { lines.joined(separator: "\n") + "\n" }
    var expected: [(Int, String)] {
        lines.enumerated().compactMap { index, line in
            line.allSatisfy({ $0 == " " || $0 == "\t" }) ? nil : (index + 1, line)
        }
    }

    func assertSame(_ got: [(Int, String)], _ want: [(Int, String)], sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(got.map(\.0) == want.map(\.0), sourceLocation: sourceLocation)
        #expect(got.map(\.1) == want.map(\.1), sourceLocation: sourceLocation)
    }

    @Test(arguments: [1, 2, 5, 8, 13, 100, 4096])
    func plainLinesAreTheSameWhateverTheChunkAndBatchSizes(chunk: Int) {
        for batchSize in [16, 17, 31, 64, 100, 1 << 20] {
            let (got, error) = Fixtures.readLines(Array(text.utf8), chunkSize: chunk, batchSize: batchSize)
            #expect(error == nil)
            assertSame(got, expected)
        }
    }

    @Test(arguments: [1, 2, 5, 8, 13, 100, 4096])
    func gzipLinesAreTheSameWhateverTheChunkAndBatchSizes(chunk: Int) {
        let gzip = Fixtures.gzip(text)
        for (_, inflater) in Inflaters.available {
            for batchSize in [16, 33, 100, 1 << 20] {
                let (got, error) = Fixtures.readLines(gzip, chunkSize: chunk, batchSize: batchSize, inflater: inflater)
                #expect(error == nil)
                assertSame(got, expected)
            }
        }
    }

    @Test func crlfLineEndsAndALastLineWithoutNewline() {
        let (got, _) = Fixtures.readLines(
            Array("{\"a\":1}\r\n\r\n{\"b\":2}\r\n{\"c\":3}".utf8), chunkSize: 3, batchSize: 16)
        assertSame(got, [(1, "{\"a\":1}"), (3, "{\"b\":2}"), (4, "{\"c\":3}")])
    }

    @Test func emptyInputHasNoLines() {
        let (got, error) = Fixtures.readLines([])
        #expect(got.isEmpty && error == nil)
    }

    @Test func multiMemberGzipIsOneStreamOfLines() {
        let gzip = Fixtures.gzip("one\ntw") + Fixtures.gzip("o\nthree\n")
        let (got, error) = Fixtures.readLines(gzip, chunkSize: 4, batchSize: 16)
        #expect(error == nil)
        assertSame(got, [(1, "one"), (2, "two"), (3, "three")])
    }

    @Test func aTruncatedGzipKeepsTheCompleteLinesBeforeTheCut() {
        let gzip = Fixtures.gzip(text)
        let cut = Array(gzip[0..<(gzip.count * 2 / 3)])
        for (_, inflater) in Inflaters.available {
            for batchSize in [16, 100, 1 << 20] {
                let (got, error) = Fixtures.readLines(cut, chunkSize: 7, batchSize: batchSize, inflater: inflater)
                #expect(error == .gzipCutShort)
                #expect(!got.isEmpty)
                // Every line returned is whole and in its place; none after the cut is invented.
                for (number, line) in got { #expect(lines[number - 1] == line) }
                let last = got.last!.0
                assertSame(got, expected.filter { $0.0 <= last })
            }
        }
    }

    /// Regression: a corrupt later member made the inflater throw away what it had inflated of the
    /// intact members before it in the same call, so their lines were lost and the damage was
    /// reported at line 1.
    @Test func linesOfIntactMembersBeforeACorruptMemberCount() {
        let intact = Fixtures.gzip(text)
        var damaged = Fixtures.gzip(String(repeating: "{\"later\":true}\n", count: 500))
        for index in (damaged.count / 2)..<(damaged.count / 2 + 32) { damaged[index] ^= 0xA5 }
        for (name, inflater) in Inflaters.available {
            for (chunk, batchSize) in [(Int.max, 1 << 20), (7, 100), (4096, 1 << 20)] {
                let (got, error) = Fixtures.readLines(
                    intact + damaged, chunkSize: chunk, batchSize: batchSize, inflater: inflater)
                guard case .gzipCorrupt = error else {
                    Issue.record("\(name): expected a corrupt stream, got \(String(describing: error))")
                    continue
                }
                // Every line of the intact member, in its place; of the damaged one, only whole lines.
                assertSame(Array(got.prefix(expected.count)), expected)
                #expect(got.dropFirst(expected.count).allSatisfy { $0.1 == "{\"later\":true}" }, "\(name)")
            }
        }
    }

    /// Regression: a batch of tiny lines held up to a megabyte's worth of them (350,000 lines of
    /// `{}`), each of which leaves a verdict of about 200 bytes once processed.
    @Test func aBatchHoldsAtMostTheLineLimitHoweverShortTheLines() {
        let tiny = (1...5000).map { $0 % 7 == 0 ? "" : "{}" }.joined(separator: "\n") + "\n"
        let want = (1...5000).filter { $0 % 7 != 0 }.map { ($0, "{}") }
        for limit in [1, 2, 3, 64, 999] {
            for (chunk, batchSize) in [(1, 64), (5, 1 << 20), (Int.max, 100), (Int.max, 1 << 20)] {
                var largest = 0
                let (got, error) = Fixtures.readLines(
                    Array(tiny.utf8), chunkSize: chunk, batchSize: batchSize,
                    maxLinesPerBatch: limit, batchLineCounts: { largest = max(largest, $0) })
                #expect(error == nil)
                assertSame(got, want)
                #expect(
                    largest <= limit, "limit \(limit), chunk \(chunk), batch \(batchSize): a batch of \(largest) lines")
            }
            var largest = 0
            let (got, _) = Fixtures.readLines(
                Fixtures.gzip(tiny), chunkSize: 100, maxLinesPerBatch: limit,
                batchLineCounts: { largest = max(largest, $0) })
            assertSame(got, want)
            #expect(largest <= limit)
        }
    }

    @Test func anOverlongLineIsSkippedWithoutHoldingIt() {
        let long = String(repeating: "y", count: 5000)
        let input = "{\"a\":1}\n\(long)\n{\"b\":2}\n\(long)"
        for chunk in [1, 3, 64, 10_000] {
            let (got, error) = Fixtures.readLines(
                Array(input.utf8), chunkSize: chunk, batchSize: 64, maxLineLength: 1024)
            #expect(error == nil)
            assertSame(got, [(1, "{\"a\":1}"), (2, "<oversized 5000>"), (3, "{\"b\":2}"), (4, "<oversized 5000>")])
        }
    }

    @Test func detectsGzipByContentNotName() {
        let reader = ArchiveReader(source: MemorySource(Fixtures.gzip("a\n")))
        _ = try? reader.nextBatch()
        #expect(reader.isCompressed == true)
        let plain = ArchiveReader(source: MemorySource(Array("a\n".utf8)))
        _ = try? plain.nextBatch()
        #expect(plain.isCompressed == false)
    }
}
