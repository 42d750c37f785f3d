/// What one delivery line turned out to be, before duplicates are told apart.
package enum LineVerdict: Sendable {
    /// The signature matches and the body is an event.
    case verified(BodyFingerprint, DecodedEvent)
    /// Any other status, with the reason and what could be read of the delivery (its `receivedAt`
    /// dates it in the audit's roll-up).
    case rejected(
        DeliveryStatus, reason: String, deliveryId: String?, eventType: String?, receivedAt: Timestamp? = nil)

    package var status: DeliveryStatus {
        switch self {
        case .verified: return .verified
        case .rejected(let status, _, _, _, _): return status
        }
    }
}
