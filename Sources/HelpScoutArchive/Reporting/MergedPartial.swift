/// A partial that `merge` read, as `summary.json` lists it.
package struct MergedPartial: Sendable, Equatable {
    /// The file as people know it.
    package var name: String
    /// The hsarchive version that wrote it.
    package var version: String
    /// The key ids of the keyring it was verified with (fingerprints of the secrets, never secrets).
    package var keyIds: [String]
    /// How many inputs it covers.
    package var inputCount: Int
    /// Signatures its keyring matched, and well-formed ones it matched not.
    package var signaturesMatched = 0
    package var signaturesMismatched = 0

    /// Whether signatures were checked and not one matched: made with `--even-if-unverified` and,
    /// likely, a wrong secret.
    package var matchedNoSignature: Bool { signaturesMismatched > 0 && signaturesMatched == 0 }
}
