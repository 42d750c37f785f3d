import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The webhook secrets a delivery may be signed with (several during a key rotation).
///
/// A keyring never reveals its secrets: its description says only how many it holds.
public struct SecretKeyring: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The environment variable a secret may come from: one secret per line.
    public static let environmentVariable = "HELPSCOUT_WEBHOOK_SECRET"

    /// The secrets' bytes, each an HMAC key.
    private let keys: [[UInt8]]

    /// How many secrets the keyring holds.
    public var count: Int { keys.count }
    /// Says how many secrets, never what they are.
    public var description: String { "SecretKeyring(\(count) secret\(count == 1 ? "" : "s"))" }
    /// Says how many secrets, never what they are.
    public var debugDescription: String { description }

    /// A keyring of `secrets` (each one's UTF-8 bytes is an HMAC key).
    /// - Throws: `SecretError.noSecret` when `secrets` is empty.
    public init(secrets: [String]) throws(SecretError) {
        guard !secrets.isEmpty else { throw .noSecret }
        keys = secrets.map { Array($0.utf8) }
    }

    /// A name for each secret that does not reveal it: the first 16 hex digits of the SHA-256 of
    /// its bytes (`printf %s "$secret" | sha256sum | cut -c1-16`), so a team can tell which of its
    /// secrets still verifies deliveries after a rotation.
    public var keyIds: [String] {
        keys.map { String(SHA256.hash(data: $0).lowercaseHex.prefix(16)) }
    }

    /// One HMAC key per secret, for one thread: each thread keys its own, so two threads never
    /// count references to the same SHA-1 states (that costs a shared cache line per delivery,
    /// about 2% of a two-job `report`).
    func makeAuthenticators() -> [HMACSHA1Key] {
        keys.map(HMACSHA1Key.init)
    }

    /// The secrets of a secret file or environment value: one per line, trimmed, blank lines
    /// ignored, a leading UTF-8 byte-order mark dropped (editors on Windows write one, and it would
    /// make every delivery forged without a word).
    package static func secrets(fromText text: String) -> [String] {
        lines(of: text).map(\.secret)
    }

    /// The secrets with the line each is on, for warnings that must not show the secret itself.
    static func lines(of text: String) -> [(line: Int, secret: String)] {
        text.textFileLines
            .map { (line: $0.number, secret: String($0.text.trimming(while: { $0 == " " || $0 == "\t" }))) }
            .filter { !$0.secret.isEmpty }
    }

    /// Warnings about secrets that are probably not what the user meant: an invisible or control
    /// character, or any non-ASCII one (Help Scout's secrets are ASCII), often comes from a copy and
    /// paste and makes every delivery forged. The warning says where, never what the secret is.
    static func warnings(about secrets: [(line: Int, secret: String)], source: String) -> [String] {
        secrets.compactMap { line, secret in
            let place = "the secret on line \(line) of \(source)"
            if secret.unicodeScalars.contains(where: \.isHiddenOrControl) {
                return
                    "\(place) holds an invisible or control character; it is used as it is, so if every delivery is forged, retype the secret"
            }
            if !secret.unicodeScalars.allSatisfy(\.isASCII) {
                return
                    "\(place) holds non-ASCII characters (Help Scout's secrets are ASCII); if every delivery is forged, check that it was copied correctly"
            }
            return nil
        }
    }

    /// Loads the keyring from `secretFile` when given, else from `HELPSCOUT_WEBHOOK_SECRET`.
    /// - Returns: the keyring and warnings worth showing (a secret file other users can read, a
    ///   secret with invisible or non-ASCII characters).
    /// - Throws: `SecretError` when there is no secret or the file cannot be read or is empty.
    public static func load(
        secretFile: RawPath?, environment: [String: String]
    ) throws(SecretError) -> (keyring: SecretKeyring, warnings: [String]) {
        guard let secretFile else {
            guard let value = environment[environmentVariable] else { throw .noSecret }
            let secrets = lines(of: value)
            guard !secrets.isEmpty else { throw .emptyEnvironment }
            return (
                try SecretKeyring(secrets: secrets.map(\.secret)), warnings(about: secrets, source: environmentVariable)
            )
        }
        let name = secretFile.displayName
        var warnings: [String] = []
        var status = stat()
        if secretFile.withCString({ stat($0, &status) }) == 0, status.st_mode & (S_IRGRP | S_IROTH) != 0,
            (status.st_mode & S_IFMT) == S_IFREG
        {
            warnings.append("secret file \(name) can be read by other users; restrict it with: chmod 600 \(name)")
        }
        let bytes: [UInt8]
        do { bytes = try FileDescriptorSource(path: secretFile).readAll(limit: 1 << 20) } catch {
            throw .unreadableFile(path: name, reason: error.message)
        }
        let secrets = lines(of: String(decoding: bytes, as: UTF8.self))
        guard !secrets.isEmpty else { throw .emptyFile(path: name) }
        return (
            try SecretKeyring(secrets: secrets.map(\.secret)), warnings + Self.warnings(about: secrets, source: name)
        )
    }
}

/// Why no keyring could be made; messages never contain a secret.
public enum SecretError: Error, Sendable, Equatable {
    case noSecret
    case emptyEnvironment
    case emptyFile(path: String)
    case unreadableFile(path: String, reason: String)

    /// A sentence for the user, naming what to do.
    public var message: String {
        switch self {
        case .noSecret:
            return
                "no webhook secret: pass --secret-file FILE (one secret per line) or set \(SecretKeyring.environmentVariable)"
        case .emptyEnvironment:
            return
                "\(SecretKeyring.environmentVariable) is set but empty: put the webhook secret in it, or use --secret-file FILE"
        case .emptyFile(let path):
            return "secret file \(path) holds no secret: put the webhook secret on a line of its own"
        case .unreadableFile(let path, let reason):
            return "cannot read secret file \(path): \(reason)"
        }
    }
}
