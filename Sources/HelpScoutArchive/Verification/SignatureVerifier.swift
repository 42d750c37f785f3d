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

    /// A signature header's value read as the 20-byte code it claims.
    package struct ClaimedCode {
        private let code: HMACSHA1Code

        /// The code the UTF-8 bytes of a header value claim (surrounding white space ignored), or
        /// nil when they are not padded base64 of 20 bytes.
        package init?(signature: UnsafeRawBufferPointer) {
            // Padded base64 of a 20-byte digest is 28 characters; nothing else decodes to 20 bytes.
            let text = UnsafeRawBufferPointer(rebasing: signature.trimming(while: Self.isSpace))
            guard text.count == 28 else { return nil }
            var decoded: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for base64's last group
            let count = withUnsafeMutableBytes(of: &decoded) {
                Base64.decode(text, into: $0.baseAddress!.assumingMemoryBound(to: UInt8.self))
            }
            guard count == Insecure.SHA1.byteCount else { return nil }
            code = withUnsafeBytes(of: decoded) { HMACSHA1Code($0) }
        }

        /// Whether `code` is this one, looking at every byte whatever the first difference.
        func isMatched(by computed: HMACSHA1Code) -> Bool { code.equalsInConstantTime(computed) }

        /// The white space a signature header may carry around its value: ASCII space, tab, CR, LF.
        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
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
        guard let claimed = ClaimedCode(signature: signature) else { return .notADigest }
        return verify(claimed, body: body)
    }

    /// Checks `claimed` against `body` with each secret in turn, from the one that matched last.
    package mutating func verify(_ claimed: ClaimedCode, body: UnsafeRawBufferPointer) -> Check {
        verify(claimed, body: body, from: 0)
    }

    /// Checks several bodies, as `verify(_:body:)` would one after the other, with the codes for
    /// the secret tried first computed for all at once (`HMACSHA1Key.authenticationCodes`).
    package mutating func verify(_ signed: [(claimed: ClaimedCode, body: UnsafeRawBufferPointer)]) -> [Check] {
        guard signed.count > 1 else { return signed.map { verify($0.claimed, body: $0.body) } }
        let key = order[0]
        let codes = authenticators[key].authenticationCodes(for: signed.map(\.body))
        return zip(signed, codes).map { item, code in
            // A body before may have put another secret first: this one is then checked from it,
            // as it would have been alone.
            guard order[0] == key else { return verify(item.claimed, body: item.body) }
            return item.claimed.isMatched(by: code)
                ? .matches(fingerprint: BodyFingerprint(item.body), key: key)
                : verify(item.claimed, body: item.body, from: 1)
        }
    }

    /// Checks `claimed` against `body` with the secrets from place `start` of `order` on.
    private mutating func verify(_ claimed: ClaimedCode, body: UnsafeRawBufferPointer, from start: Int) -> Check {
        for position in start..<order.count {
            let index = order[position]
            if claimed.isMatched(by: authenticators[index].authenticationCode(for: body)) {
                if position > 0 { order.insert(order.remove(at: position), at: 0) }
                return .matches(fingerprint: BodyFingerprint(body), key: index)
            }
        }
        return .mismatch
    }
}
