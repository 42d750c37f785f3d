import Crypto

/// An HMAC-SHA1 key (RFC 2104) with both padded keys hashed once, built on swift-crypto's SHA-1.
///
/// Why not swift-crypto's `HMAC<Insecure.SHA1>`: even keyed once and copied per message, it hashes
/// the outer padded key again for every message and runs through generic code the compiler cannot
/// specialise across the module boundary. On the benchmark's bodies (`make bench`, stage table)
/// the library's HMAC alone runs at 1,390–1,460 MB/s, the whole signature check with this key at
/// 1,490–1,530 MB/s (SHA-1 as one stream: about 1,900): about 2.5% of `report`'s CPU. SHA-1 itself
/// is still swift-crypto's; `HMACSHA1KeyTests` checks every code against the library's `HMAC` for
/// keys and messages of every length around the block size.
struct HMACSHA1Key {
    private static let blockSize = 64
    /// SHA-1 after the key XOR ipad block; copied per message.
    private let inner: Insecure.SHA1
    /// SHA-1 after the key XOR opad block; copied per message.
    private let outer: Insecure.SHA1

    init(_ key: [UInt8]) {
        var block = key.count > Self.blockSize ? Array(Insecure.SHA1.hash(data: key)) : key
        block += repeatElement(0, count: Self.blockSize - block.count)
        var inner = Insecure.SHA1(), outer = Insecure.SHA1()
        inner.update(data: block.map { $0 ^ 0x36 })
        outer.update(data: block.map { $0 ^ 0x5C })
        self.inner = inner
        self.outer = outer
    }

    /// The HMAC-SHA1 of `message`.
    func authenticationCode(for message: UnsafeRawBufferPointer) -> Insecure.SHA1Digest {
        var innerHash = inner
        innerHash.update(bufferPointer: message)
        var outerHash = outer
        innerHash.finalize().withUnsafeBytes { outerHash.update(bufferPointer: $0) }
        return outerHash.finalize()
    }
}
