import Crypto

/// Checks `X-HelpScout-Signature` values against the raw body, one verifier per thread.
package struct SignatureVerifier {
    /// What a signature header says about a body.
    package enum Check: Equatable, Sendable {
        /// The secret at `key` in the keyring signed the body; `fingerprint` identifies the body
        /// for de-duplication.
        case matches(fingerprint: BodyFingerprint, key: Int)
        case mismatch
        /// The header is not padded base64 of a 20-byte digest.
        case notADigest
    }

    private let authenticators: [HMACSHA1Key]
    /// Secrets in the order to try them: the one that matched last goes first, so a rotated keyring
    /// costs one HMAC per delivery, not one per secret.
    private var order: [Int]

    package init(keyring: SecretKeyring) {
        authenticators = keyring.makeAuthenticators()
        order = Array(authenticators.indices)
    }

    /// Checks `signature` (surrounding white space ignored) against `body` with each secret in turn,
    /// comparing digests in constant time.
    package mutating func verify(signature: String, body: UnsafeRawBufferPointer) -> Check {
        var signature = signature
        return signature.withUTF8 { verify(signature: UnsafeRawBufferPointer($0), body: body) }
    }

    /// Checks the UTF-8 bytes of `signature` against `body`, as `verify(signature:body:)` does.
    package mutating func verify(signature: UnsafeRawBufferPointer, body: UnsafeRawBufferPointer) -> Check {
        // Padded base64 of a 20-byte digest is 28 characters; nothing else decodes to 20 bytes.
        let text = UnsafeRawBufferPointer(rebasing: signature.trimming(while: Self.isSpace))
        guard text.count == 28 else { return .notADigest }
        var digest: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &digest) { digest in
            guard
                Base64.decode(text, into: digest.baseAddress!.assumingMemoryBound(to: UInt8.self))
                    == Insecure.SHA1.byteCount
            else { return .notADigest }
            for (position, index) in order.enumerated() {
                if Self.constantTimeEqual(
                    authenticators[index].authenticationCode(for: body), UnsafeRawBufferPointer(digest))
                {
                    if position > 0 { order.insert(order.remove(at: position), at: 0) }
                    return .matches(fingerprint: BodyFingerprint(body), key: index)
                }
            }
            return .mismatch
        }
    }

    /// Whether `code` equals `expected`, looking at every byte whatever the first difference (the
    /// library's own `==` does the same through a generic path that costs more than the digest).
    private static func constantTimeEqual(_ code: Insecure.SHA1Digest, _ expected: UnsafeRawBufferPointer) -> Bool {
        code.withUnsafeBytes { digest in
            guard digest.count == Insecure.SHA1.byteCount else { return false }
            var difference: UInt8 = 0
            for i in 0..<digest.count { difference |= digest[i] ^ expected[i] }
            return difference == 0
        }
    }

    /// The white space a signature header may carry around its value: ASCII space, tab, CR, LF.
    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
}
