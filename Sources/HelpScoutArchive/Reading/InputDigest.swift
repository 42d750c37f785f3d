import Crypto

/// What was read of one input: its bytes as they came (compressed or not) and their SHA-256, so an
/// audit can state exactly which bytes it checked.
public struct InputDigest: Sendable, Equatable {
    /// Bytes read from the input.
    public var bytes: Int
    /// SHA-256 of those bytes, lower-case hex.
    public var sha256: String

    /// The digest of no bytes at all: an input that could not be opened.
    public static let nothingRead = InputDigest(bytes: 0, sha256: SHA256.hash(data: [UInt8]()).lowercaseHex)
}
