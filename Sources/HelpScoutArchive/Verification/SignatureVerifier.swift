import Crypto

/// Checks `X-HelpScout-Signature` values against the raw body, one verifier per thread.
public struct SignatureVerifier {
    /// What a signature header says about a body.
    public enum Check: Equatable, Sendable {
        /// One of the secrets signed the body; `fingerprint` identifies the body for de-duplication.
        case matches(fingerprint: BodyFingerprint)
        case mismatch
        /// The header is not padded base64 of a 20-byte digest.
        case notADigest
    }

    private let authenticators: [HMAC<Insecure.SHA1>]
    private var decoded: [UInt8] = []

    public init(keyring: SecretKeyring) {
        authenticators = keyring.authenticators
        decoded.reserveCapacity(32)
    }

    /// Checks `signature` (surrounding white space ignored) against `body` with every secret in turn,
    /// comparing digests in constant time.
    public mutating func verify(signature: String, body: UnsafeRawBufferPointer) -> Check {
        var signature = signature
        decoded.removeAll(keepingCapacity: true)
        let isDigest = signature.withUTF8 { utf8 in
            Base64.decode(Self.trimmingWhitespace(UnsafeRawBufferPointer(utf8)), into: &decoded)
        }
        guard isDigest, decoded.count == Insecure.SHA1.byteCount else { return .notADigest }
        // The digest under the first secret doubles as the body's fingerprint, whichever secret signed it.
        var first = authenticators[0]
        first.update(data: body)
        let firstCode = first.finalize()
        let fingerprint = BodyFingerprint(firstCode)
        if firstCode == decoded { return .matches(fingerprint: fingerprint) }
        for base in authenticators.dropFirst() {
            var authenticator = base
            authenticator.update(data: body)
            if authenticator.finalize() == decoded { return .matches(fingerprint: fingerprint) }
        }
        return .mismatch
    }

    static func trimmingWhitespace(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0, end = bytes.count
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        while start < end && isSpace(bytes[start]) { start += 1 }
        while end > start && isSpace(bytes[end - 1]) { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<end])
    }
}

/// The HMAC of a body under the first secret; equal bodies have equal fingerprints.
public struct BodyFingerprint: Hashable, Sendable {
    /// The first 16 bytes of the digest, enough to tell bodies apart.
    public let high: UInt64
    public let low: UInt64

    init(_ code: HashedAuthenticationCode<Insecure.SHA1>) {
        (high, low) = code.withUnsafeBytes { ($0.loadUnaligned(as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
    }

    public static func == (lhs: BodyFingerprint, rhs: BodyFingerprint) -> Bool {
        lhs.high == rhs.high && lhs.low == rhs.low
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(high)
        hasher.combine(low)
    }
}
