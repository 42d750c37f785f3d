/// How often one configured secret matched a delivery's signature.
public struct KeyTally: Sendable, Equatable {
    /// The secret's name that does not reveal it (`SecretKeyring.keyIds`).
    public var keyId: String
    /// Deliveries whose signature this secret matched: verified ones, their duplicates, and those
    /// whose signed body then could not be decoded or disagreed with the event header.
    public var signaturesMatched: Int
}
