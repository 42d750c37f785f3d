import CJSONKernels
import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An HMAC-SHA1 key (RFC 2104) with both padded keys hashed once, built on swift-crypto's SHA-1;
/// two messages at once on the CPU's SHA instructions where it has them.
///
/// Why not swift-crypto's `HMAC<Insecure.SHA1>`: even keyed once and copied per message, it hashes
/// the outer padded key again for every message and runs through generic code the compiler cannot
/// specialise across the module boundary. On the benchmark's bodies (`make bench`, stage table)
/// the library's HMAC alone runs at 1,390–1,460 MB/s, the whole signature check with this key at
/// 1,490–1,530 MB/s (SHA-1 as one stream: about 1,900): about 2.5% of `report`'s CPU.
///
/// Why two at once: SHA-1 is `report`'s largest single cost (15% of its CPU), and one stream waits
/// on each round instruction's latency; two independent streams fill those waits
/// (`hs_hmac_sha1_many`, Sources/CJSONKernels/sha1.c: about 1.7 times one stream's throughput). A
/// single message, and every message on a CPU without the instructions, is still swift-crypto's.
/// `HMACSHA1KeyTests` checks every code, one at a time and in pairs, against the library's `HMAC`
/// for keys and messages of every length around the block size.
struct HMACSHA1Key {
    private static let blockSize = 64
    /// Whether pairs are hashed on the SHA instructions: where this CPU has them, unless
    /// `HSARCHIVE_LIBRARY_SHA1` is set (to any value), which keeps every code swift-crypto's, to compare.
    static let hashesPairsOnSHAInstructions = hs_sha1_available() && getenv("HSARCHIVE_LIBRARY_SHA1") == nil
    /// SHA-1 after the key XOR ipad block; copied per message.
    private let inner: Insecure.SHA1
    /// SHA-1 after the key XOR opad block; copied per message.
    private let outer: Insecure.SHA1
    /// The same two states as words, for `hs_hmac_sha1_many` (zero without the SHA instructions).
    private var innerWords = SHA1Words()
    private var outerWords = SHA1Words()

    init(_ key: [UInt8]) {
        var block = key.count > Self.blockSize ? Array(Insecure.SHA1.hash(data: key)) : key
        block += repeatElement(0, count: Self.blockSize - block.count)
        let innerBlock = block.map { $0 ^ 0x36 }, outerBlock = block.map { $0 ^ 0x5C }
        var inner = Insecure.SHA1(), outer = Insecure.SHA1()
        inner.update(data: innerBlock)
        outer.update(data: outerBlock)
        self.inner = inner
        self.outer = outer
        if Self.hashesPairsOnSHAInstructions {
            innerWords = SHA1Words(afterBlock: innerBlock)
            outerWords = SHA1Words(afterBlock: outerBlock)
        }
    }

    /// The HMAC-SHA1 of `message`.
    func authenticationCode(for message: UnsafeRawBufferPointer) -> HMACSHA1Code {
        var innerHash = inner
        innerHash.update(bufferPointer: message)
        var outerHash = outer
        innerHash.finalize().withUnsafeBytes { outerHash.update(bufferPointer: $0) }
        return outerHash.finalize().withUnsafeBytes { HMACSHA1Code($0) }
    }

    /// The HMAC-SHA1 of each of `messages`: two at a time on the SHA instructions where this CPU
    /// has them (unless `onSHAInstructions` is false), else one after the other.
    func authenticationCodes(
        for messages: [UnsafeRawBufferPointer], onSHAInstructions: Bool = hashesPairsOnSHAInstructions
    ) -> [HMACSHA1Code] {
        guard onSHAInstructions && Self.hashesPairsOnSHAInstructions && messages.count > 1 else {
            return messages.map(authenticationCode(for:))
        }
        let starts = messages.map { $0.baseAddress?.assumingMemoryBound(to: UInt8.self) }
        let lengths = messages.map(\.count)
        var codes = [UInt8](repeating: 0, count: 20 * messages.count)
        innerWords.withPointer { inner in
            outerWords.withPointer { outer in
                codes.withUnsafeMutableBufferPointer {
                    hs_hmac_sha1_many(inner, outer, starts, lengths, messages.count, $0.baseAddress!)
                }
            }
        }
        return codes.withUnsafeBytes { codes in
            messages.indices.map { HMACSHA1Code(UnsafeRawBufferPointer(rebasing: codes[20 * $0..<20 * $0 + 20])) }
        }
    }
}

/// A 20-byte HMAC-SHA1 code, as a value: one computed, or one a signature claims.
struct HMACSHA1Code {
    private var bytes: (UInt64, UInt64, UInt32) = (0, 0, 0)

    /// The code in the first 20 bytes of `digest`.
    init(_ digest: UnsafeRawBufferPointer) {
        precondition(digest.count >= 20)
        withUnsafeMutableBytes(of: &bytes) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: digest[0..<20])) }
    }

    /// The code's bytes.
    var array: [UInt8] { withUnsafeBytes(of: bytes) { Array($0) } }

    /// Whether the code equals `other`, looking at every byte whatever the first difference.
    func equalsInConstantTime(_ other: HMACSHA1Code) -> Bool {
        withUnsafeBytes(of: bytes) { code in
            withUnsafeBytes(of: other.bytes) { other in
                var difference: UInt8 = 0
                for i in 0..<20 { difference |= code[i] ^ other[i] }
                return difference == 0
            }
        }
    }
}

/// A SHA-1 state (h0 to h4) after whole blocks, for the C kernels.
private struct SHA1Words {
    private var words: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0)

    init() {}

    /// The state after hashing the one 64-byte `block` from SHA-1's initial state.
    init(afterBlock block: [UInt8]) {
        precondition(block.count == 64)
        words = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
        withUnsafeMutableBytes(of: &words) { state in
            block.withUnsafeBufferPointer {
                hs_sha1_blocks(state.baseAddress!.assumingMemoryBound(to: UInt32.self), $0.baseAddress!, 1)
            }
        }
    }

    func withPointer<Result>(_ body: (UnsafePointer<UInt32>) -> Result) -> Result {
        withUnsafeBytes(of: words) { body($0.baseAddress!.assumingMemoryBound(to: UInt32.self)) }
    }
}
