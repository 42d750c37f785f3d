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
}
