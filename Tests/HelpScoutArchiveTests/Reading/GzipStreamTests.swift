import HelpScoutArchive
import HelpScoutArchiveSamples
import Testing

@Suite struct GzipStreamTests {
    let text = (1...2000).map { "line \($0) of the archive, with some text to compress\n" }.joined()

    /// Inflates `bytes` with every inflater of the build, in the given input and output chunk sizes;
    /// they must all agree, and that answer is returned.
    func inflate(_ bytes: [UInt8], inputChunk: Int, outputChunk: Int) throws -> [UInt8] {
        var answers: [Result<[UInt8], ArchiveReadError>] = []
        for (_, make) in Inflaters.available {
            do {
                answers.append(
                    .success(try inflate(bytes, with: make(), inputChunk: inputChunk, outputChunk: outputChunk)))
            } catch let error as ArchiveReadError { answers.append(.failure(error)) }
        }
        for answer in answers.dropFirst() {
            switch (answer, answers[0]) {
            case (.success(let a), .success(let b)): #expect(a == b)
            case (.failure(let a), .failure(let b)):
                #expect(a == .gzipCutShort ? b == .gzipCutShort : b != .gzipCutShort)
            default: Issue.record("inflaters disagree: \(answer) vs \(answers[0])")
            }
        }
        return try answers[0].get()
    }

    func inflate(_ bytes: [UInt8], with inflater: Inflater, inputChunk: Int, outputChunk: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: outputChunk)
        var offset = 0
        while true {
            let end = min(bytes.count, offset + inputChunk)
            let (consumed, produced) = try bytes[offset..<end].withUnsafeBytes { input in
                try buffer.withUnsafeMutableBytes { try inflater.inflate(input: input, output: $0) }
            }
            output += buffer[0..<produced]
            offset += consumed
            if offset == bytes.count && produced == 0 { break }
        }
        try inflater.finish()
        return output
    }

    @Test(arguments: [1, 2, 5, 8, 13, 64, 4096, 1 << 20])
    func sameBytesWhateverTheChunkSizes(chunk: Int) throws {
        let gzip = Fixtures.gzip(text)
        for outputChunk in [1, 7, 64, 65536] {
            #expect(try inflate(gzip, inputChunk: chunk, outputChunk: outputChunk) == Array(text.utf8))
        }
    }

    @Test func readsEveryMemberOfAMultiMemberStream() throws {
        let members = Fixtures.gzip("first\n") + Fixtures.gzip("second\n") + Fixtures.gzip("third\n")
        for chunk in [1, 3, 10, 1000] {
            #expect(try inflate(members, inputChunk: chunk, outputChunk: 5) == Array("first\nsecond\nthird\n".utf8))
        }
    }

    @Test func skipsZeroPaddingBetweenAndAfterMembers() throws {
        let padded = Fixtures.gzip("a\n") + [0, 0, 0] + Fixtures.gzip("b\n") + [0, 0]
        #expect(try inflate(padded, inputChunk: 2, outputChunk: 3) == Array("a\nb\n".utf8))
    }

    @Test func aStreamCutShortIsReportedAtTheEnd() {
        let gzip = Fixtures.gzip(text)
        #expect(throws: ArchiveReadError.gzipCutShort) {
            _ = try inflate(Array(gzip[0..<(gzip.count / 2)]), inputChunk: 100, outputChunk: 1000)
        }
        // Only the 8-byte trailer missing is still cut short.
        #expect(throws: ArchiveReadError.gzipCutShort) {
            _ = try inflate(Array(gzip.dropLast(4)), inputChunk: 100, outputChunk: 1000)
        }
    }

    @Test func corruptDataIsAnError() {
        var gzip = Fixtures.gzip(text)
        for index in 20..<40 { gzip[index] ^= 0x5A }
        #expect(throws: ArchiveReadError.self) { _ = try inflate(gzip, inputChunk: 64, outputChunk: 64) }
    }

    /// Regression: an error in a later member threw away the bytes already inflated in the same call.
    @Test func bytesInflatedBeforeACorruptMemberAreReturnedBeforeTheError() throws {
        var second = Fixtures.gzip(text)
        for index in 20..<40 { second[index] ^= 0x5A }
        let stream = Fixtures.gzip("intact member\n") + second
        for (name, make) in Inflaters.available {
            let inflater = make()
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            let (consumed, produced) = try stream.withUnsafeBytes { input in
                try buffer.withUnsafeMutableBytes { try inflater.inflate(input: input, output: $0) }
            }
            #expect(Array(buffer[0..<produced]) == Array("intact member\n".utf8), "\(name)")
            #expect(throws: ArchiveReadError.self, "\(name)") {
                _ = try stream[consumed...].withUnsafeBytes { input in
                    try buffer.withUnsafeMutableBytes { try inflater.inflate(input: input, output: $0) }
                }
            }
            #expect(throws: ArchiveReadError.self, "\(name)") { try inflater.finish() }
        }
    }

    @Test func theBuildHasZlibAndSaysWhichInflaterIsFastest() {
        #expect(Inflaters.available.first?.name == "zlib")
        #expect(Inflaters.available.map(\.name).contains(Inflaters.fastestName))
    }

    @Test func garbageAfterAMemberIsAnError() {
        let gzip = Fixtures.gzip("a\n") + Array("not gzip".utf8)
        #expect(throws: ArchiveReadError.self) { _ = try inflate(gzip, inputChunk: 64, outputChunk: 64) }
    }
}
