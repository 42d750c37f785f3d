import Foundation
import HelpScoutArchive
import Testing

@Suite struct SecretKeyringTests {
    @Test func aSecretFileHoldsOneSecretPerLineTrimmed() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/secrets"
        Fixtures.write(Array("  old-secret \r\n\n\tnew-secret\n".utf8), to: path)
        chmod(path, 0o600)
        let (keyring, warnings) = try SecretKeyring.load(secretFile: path, environment: [:])
        #expect(keyring.count == 2)
        #expect(warnings.isEmpty)
        #expect(SecretKeyring.secrets(fromText: "  old-secret \r\n\n\tnew-secret\n") == ["old-secret", "new-secret"])
    }

    @Test func aSecretFileOthersCanReadDrawsAWarning() throws {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/secrets"
        Fixtures.write(Array("s3cr3t-value\n".utf8), to: path)
        chmod(path, 0o644)
        let (_, warnings) = try SecretKeyring.load(secretFile: path, environment: [:])
        #expect(warnings.count == 1)
        #expect(!warnings[0].contains("s3cr3t-value"))
    }

    @Test func anEmptySecretFileIsAnError() {
        let folder = Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/secrets"
        Fixtures.write(Array(" \n\n".utf8), to: path)
        #expect(throws: SecretError.emptyFile(path: path)) { try SecretKeyring.load(secretFile: path, environment: [:]) }
    }

    @Test func theEnvironmentIsUsedWithoutAFileAndNothingIsAnError() throws {
        #expect(try SecretKeyring.load(secretFile: nil, environment: ["HELPSCOUT_WEBHOOK_SECRET": "abc"]).keyring.count == 1)
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
}
