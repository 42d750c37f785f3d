import CJSONKernels

/// A 128-bit fingerprint of a raw body: equal bodies have equal fingerprints, whichever secret
/// signed them, which is how retried deliveries are recognised.
///
/// Only verified bodies are fingerprinted, and those come from Help Scout itself, so a fast
/// non-cryptographic hash is enough: with the kernels (see `KernelChoice`), XXH3's steps on eight
/// lanes (`hs_fingerprint`, about 3 times faster); elsewhere two lanes mixed by multiplication,
/// finished with MurmurHash3's avalanche. A run uses one of them throughout.
///
/// Equality compares all 128 bits, but the run's set of delivered bodies (`DeliverySet`) keeps only
/// `high`: there two of n distinct bodies share a key with probability about n²/2⁶⁵ (4·10⁻⁹ for
/// 400,000 deliveries), not the 2⁻¹²⁸ scale that both halves would give.
package struct BodyFingerprint: Hashable, Sendable {
    package let high: UInt64
    package let low: UInt64

    package init(_ bytes: UnsafeRawBufferPointer) {
        self.init(bytes, kernels: .configured)
    }

    /// The fingerprint of `bytes` by the hash `kernels` chooses: tests check both.
    init(_ bytes: UnsafeRawBufferPointer, kernels: KernelChoice) {
        if kernels.runsKernels, let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) {
            var halves: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &halves) {
                hs_fingerprint(base, bytes.count, $0.baseAddress!.assumingMemoryBound(to: UInt64.self))
            }
            (high, low) = halves
            return
        }
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
        var offset = 0
        let count = bytes.count
        if let base = bytes.baseAddress {
            while count - offset >= 16 {
                let x = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let y = base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)
                a = (a ^ x) &* 0x87C3_7B91_1142_53D5
                a = (a << 31 | a >> 33) &+ b
                b = (b ^ y) &* 0x4CF5_AD43_2745_937F
                b = (b << 29 | b >> 35) &+ a
                offset += 16
            }
            var tail: UInt64 = 0, shift: UInt64 = 0
            while offset < count {
                tail |= UInt64(base.load(fromByteOffset: offset, as: UInt8.self)) << shift
                shift += 8
                if shift == 64 {
                    a = (a ^ tail) &* 0x87C3_7B91_1142_53D5
                    tail = 0
                    shift = 0
                }
                offset += 1
            }
            b = (b ^ tail) &* 0x4CF5_AD43_2745_937F
        }
        high = Self.avalanche(a &+ b)
        low = Self.avalanche(b ^ (a << 17 | a >> 47))
    }

    private static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
