import Crypto

/// What was read of one input: its bytes as they came (compressed or not) and their SHA-256, so an
/// audit can state exactly which bytes it checked.
public struct InputDigest: Sendable, Equatable {
    /// Bytes read from the input.
    public var bytes: Int
    /// SHA-256 of those bytes, lower-case hex; nil when the run was not asked to hash its inputs.
    public var sha256: String?

    /// What was read of an input that could not be opened: no bytes, and the digest of none when
    /// the run hashes its inputs.
    public static func nothingRead(hashed: Bool) -> InputDigest {
        InputDigest(bytes: 0, sha256: hashed ? SHA256.hash(data: [UInt8]()).lowercaseHex : nil)
    }
}
