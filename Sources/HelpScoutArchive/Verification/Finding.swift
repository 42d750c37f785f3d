/// A line that is not a verified event, with why: what `verify` prints and `audit.csv` lists.
public struct Finding: Sendable, Equatable {
    /// The most characters of a delivery id or event type a finding keeps from an archive: enough
    /// for any real one, and a hostile megabyte id cannot bloat the audit.
    package static let maxFieldLength = 200

    static func capped(_ text: String) -> String {
        text.count <= maxFieldLength ? text : String(text.prefix(maxFieldLength)) + "…"
    }

    /// Where the line is.
    public var position: ArchivePosition
    /// The status it got: forged, unsigned, malformed or undecodable.
    public var status: DeliveryStatus
    /// Why, in a sentence.
    public var reason: String
    /// The delivery's `id` when the line gave one, display-safe and capped.
    public var deliveryId: String?
    /// The event type the line claims, display-safe and capped.
    public var eventType: String?

    /// A finding whose texts are made `displaySafe`: the delivery id and event type come from
    /// unauthenticated lines, and every output shows them to people.
    package init(
        position: ArchivePosition, status: DeliveryStatus, reason: String,
        deliveryId: String? = nil, eventType: String? = nil
    ) {
        self.position = position
        self.status = status
        self.reason = reason.displaySafe
        self.deliveryId = deliveryId?.displaySafe
        self.eventType = eventType?.displaySafe
    }
}
