import Crypto
import Testing

@testable import HelpScoutArchive

@Suite struct DigestingSourceTests {
    /// The digest is of the bytes as they were read, however the reads were cut, and passes every
    /// byte on unchanged; without hashing only the count is kept.
    @Test(arguments: [1, 7, 4096, Int.max])
    func theDigestIsOfEveryByteReadWhateverTheChunks(_ chunk: Int) throws {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        for hashing in [true, false] {
            let source = DigestingSource(MemorySource(bytes, chunkSize: chunk), hashing: hashing)
            #expect(try source.readAll(limit: 1 << 20) == bytes)
            #expect(source.digest.bytes == bytes.count)
            #expect(source.digest.sha256 == (hashing ? SHA256.hash(data: bytes).lowercaseHex : nil))
        }
    }

    @Test func nothingReadIsTheDigestOfNoBytes() {
        #expect(
            InputDigest.nothingRead(hashed: true).sha256
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(InputDigest.nothingRead(hashed: false).sha256 == nil)
    }
}
