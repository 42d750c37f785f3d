import Foundation
import HelpScoutArchive
import TestSupport
import Testing

@Suite struct SecretKeyringTests {
    @Test(.temporaryFolder) func aSecretFileHoldsOneSecretPerLineTrimmed() throws {
        let folder = TemporaryFolder.path
        let path = folder + "/secrets"
        Fixtures.write(Array("  old-secret \r\n\n\tnew-secret\n".utf8), to: path)
        chmod(path, 0o600)
        let (keyring, warnings) = try SecretKeyring.load(secretFile: RawPath(path), environment: [:])
        #expect(keyring.count == 2)
        #expect(warnings.isEmpty)
        #expect(SecretKeyring.secrets(fromText: "  old-secret \r\n\n\tnew-secret\n") == ["old-secret", "new-secret"])
    }

    @Test(.temporaryFolder) func aSecretFileOthersCanReadDrawsAWarning() throws {
        let folder = TemporaryFolder.path
        let path = folder + "/secrets"
        Fixtures.write(Array("s3cr3t-value\n".utf8), to: path)
        chmod(path, 0o644)
        let (_, warnings) = try SecretKeyring.load(secretFile: RawPath(path), environment: [:])
        #expect(warnings.count == 1)
        #expect(!warnings[0].contains("s3cr3t-value"))
    }

    @Test(.temporaryFolder) func anEmptySecretFileIsAnError() {
        let folder = TemporaryFolder.path
        let path = folder + "/secrets"
        Fixtures.write(Array(" \n\n".utf8), to: path)
        #expect(throws: SecretError.emptyFile(path: path)) {
            try SecretKeyring.load(secretFile: RawPath(path), environment: [:])
        }
    }

    @Test func theEnvironmentIsUsedWithoutAFileAndNothingIsAnError() throws {
        #expect(
            try SecretKeyring.load(secretFile: nil, environment: ["HELPSCOUT_WEBHOOK_SECRET": "abc"]).keyring.count == 1
        )
        #expect(throws: SecretError.noSecret) { try SecretKeyring.load(secretFile: nil, environment: [:]) }
        #expect(throws: SecretError.emptyEnvironment) {
            try SecretKeyring.load(secretFile: nil, environment: ["HELPSCOUT_WEBHOOK_SECRET": "  "])
        }
    }

    @Test func aKeyringNeverShowsItsSecrets() throws {
        let keyring = try SecretKeyring(secrets: ["hunter2-very-secret"])
        for text in [String(describing: keyring), String(reflecting: keyring), "\(keyring)"] {
            #expect(!text.contains("hunter2"))
        }
        let missing = SecretError.unreadableFile(path: "/nope", reason: "No such file or directory")
        #expect(missing.message.contains("/nope"))
    }

    /// Regression: a secret file saved with a UTF-8 byte-order mark made every delivery forged, with
    /// no warning. The mark is dropped; other invisible or non-ASCII characters draw a warning that
    /// never shows the secret.
    @Test(.temporaryFolder) func aByteOrderMarkIsDroppedAndInvisibleCharactersDrawAWarning() throws {
        let folder = TemporaryFolder.path
        let path = folder + "/secrets"
        Fixtures.write([0xEF, 0xBB, 0xBF] + Array("bom-secret\n".utf8), to: path)
        chmod(path, 0o600)
        let (keyring, warnings) = try SecretKeyring.load(secretFile: RawPath(path), environment: [:])
        #expect(warnings.isEmpty)
        #expect(keyring.count == 1)
        #expect(SecretKeyring.secrets(fromText: "\u{FEFF}bom-secret\n") == ["bom-secret"])
        var processor = DeliveryProcessor(keyring: keyring)
        let line = Array(Fixtures.signedLine(Fixtures.conversation(), secret: "bom-secret").utf8)
        #expect(line.withUnsafeBytes { processor.process(line: $0) }.status == .verified)

        Fixtures.write(Array("zero\u{200B}width\n\ncafé-secret\nplain\n".utf8), to: path)
        let (_, found) = try SecretKeyring.load(secretFile: RawPath(path), environment: [:])
        #expect(found.count == 2)
        #expect(found[0].contains("line 1") && found[0].contains("invisible"))
        #expect(found[1].contains("line 3") && found[1].contains("non-ASCII"))
        #expect(!found.joined().contains("zero") && !found.joined().contains("café"))
        let (_, fromEnvironment) = try SecretKeyring.load(
            secretFile: nil, environment: ["HELPSCOUT_WEBHOOK_SECRET": "a\u{7}b"])
        #expect(fromEnvironment.count == 1 && fromEnvironment[0].contains("HELPSCOUT_WEBHOOK_SECRET"))
    }
}
