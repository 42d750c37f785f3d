import Foundation
import HelpScoutArchive
import HelpScoutArchiveSamples
import Testing

/// Every case of the signature vectors in `Fixtures/signatures.jsonl` must pass.
@Suite struct SignatureVectorTests {
    struct Vector: Decodable, CustomTestStringConvertible, Sendable {
        let source: String
        let secret: String
        let body: String
        let signature: String
        let valid: Bool
        var testDescription: String { "\(source) (valid: \(valid))" }
    }

    static let vectors: [Vector] = {
        let path = Fixtures.repositoryRoot + "/Tests/HelpScoutArchiveTests/Fixtures/signatures.jsonl"
        let text = try! String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n").map { try! JSONDecoder().decode(Vector.self, from: Data($0.utf8)) }
    }()

    @Test func allSixteenVectorsAreLoaded() {
        #expect(Self.vectors.count == 16)
        #expect(Self.vectors.contains { $0.valid } && Self.vectors.contains { !$0.valid })
        let checks = Self.vectors.map { Self.expectedCheck($0) }
        #expect(checks.contains(.mismatch) && checks.contains(.notADigest))
    }

    /// What `signature` says about `body` with `secrets`.
    static func check(_ vector: Vector, secrets: [String]) -> SignatureVerifier.Check {
        var verifier = SignatureVerifier(keyring: Fixtures.keyring(secrets))
        var body = Array(vector.body.utf8)
        return body.withUnsafeMutableBytes {
            verifier.verify(signature: vector.signature, body: UnsafeRawBufferPointer($0))
        }
    }

    /// The exact check a vector must give: a match with its body's fingerprint and the place of its
    /// secret in the keyring when valid; else a mismatch when the header is base64 of a 20-byte
    /// digest (as Foundation reads it), else not a digest.
    static func expectedCheck(_ vector: Vector, key: Int = 0) -> SignatureVerifier.Check {
        if vector.valid {
            return Array(vector.body.utf8).withUnsafeBytes { .matches(fingerprint: BodyFingerprint($0), key: key) }
        }
        let header = vector.signature.trimmingCharacters(in: .whitespacesAndNewlines)
        return Data(base64Encoded: header)?.count == 20 ? .mismatch : .notADigest
    }

    /// Regression: only whether a vector matched was checked, so a match with the wrong fingerprint
    /// passed, and so did an invalid vector rejected for the wrong reason.
    @Test(arguments: vectors)
    func vectorGivesExactlyTheExpectedCheck(_ vector: Vector) {
        #expect(Self.check(vector, secrets: [vector.secret]) == Self.expectedCheck(vector))
    }

    @Test(arguments: vectors)
    func vectorGivesTheSameCheckWhenItsSecretIsTheSecondOfARotation(_ vector: Vector) {
        #expect(
            Self.check(vector, secrets: ["an-older-secret", vector.secret]) == Self.expectedCheck(vector, key: 1))
    }

    /// Regression: the padded, correct header was only checked not to be `.mismatch`, which
    /// `.notADigest` (a header the trimming broke) would also have passed.
    @Test func aGarbageHeaderIsNotADigestAWrongOneIsAMismatchAndAPaddedRightOneMatches() {
        var verifier = SignatureVerifier(keyring: Fixtures.keyring(["asdfasdf"]))
        var body = Array("{\"id\":123}".utf8)
        body.withUnsafeMutableBytes { raw in
            let bytes = UnsafeRawBufferPointer(raw)
            #expect(verifier.verify(signature: "asdfasdfasdfasdf", body: bytes) == .notADigest)
            #expect(verifier.verify(signature: "c2hvcnQ=", body: bytes) == .notADigest)
            #expect(verifier.verify(signature: "2iFmnzC8SCNVF/iNiMnSe19yceU=", body: bytes) == .mismatch)
            #expect(
                verifier.verify(signature: "  7S2+kN8bZsrdAEADJ+yYfWWsf/4=\n", body: bytes)
                    == .matches(fingerprint: BodyFingerprint(bytes), key: 0))
        }
    }

    @Test func equalBodiesHaveEqualFingerprintsWhicheverSecretSigned() {
        let old = fingerprintOfMatch(body: "{\"id\":1}", signedWith: "old", keyring: ["old", "new"])
        let new = fingerprintOfMatch(body: "{\"id\":1}", signedWith: "new", keyring: ["old", "new"])
        let other = fingerprintOfMatch(body: "{\"id\":2}", signedWith: "new", keyring: ["old", "new"])
        #expect(old != nil && old == new)
        #expect(other != nil && other != new)
    }

    private func fingerprintOfMatch(body: String, signedWith secret: String, keyring: [String]) -> BodyFingerprint? {
        var verifier = SignatureVerifier(keyring: Fixtures.keyring(keyring))
        let signature = DeliveryLine.sign(Array(body.utf8), secret: secret)
        var bytes = Array(body.utf8)
        let check = bytes.withUnsafeMutableBytes {
            verifier.verify(signature: signature, body: UnsafeRawBufferPointer($0))
        }
        if case .matches(let fingerprint, _) = check { return fingerprint }
        return nil
    }
}
