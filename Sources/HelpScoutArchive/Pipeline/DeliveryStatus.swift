/// The one status every non-blank line gets (section 2 of the spec).
public enum DeliveryStatus: String, Sendable, CaseIterable, Comparable {
    case verified, duplicate, forged, unsigned, malformed, undecodable

    /// Whether lines with this status are listed in the audit (`verify`'s output and `audit.csv`).
    public var isAudited: Bool {
        switch self {
        case .verified, .duplicate: return false
        case .forged, .unsigned, .malformed, .undecodable: return true
        }
    }

    /// The position in `allCases`, the spec's order.
    var index: Int {
        switch self {
        case .verified: return 0
        case .duplicate: return 1
        case .forged: return 2
        case .unsigned: return 3
        case .malformed: return 4
        case .undecodable: return 5
        }
    }

    public static func < (lhs: DeliveryStatus, rhs: DeliveryStatus) -> Bool { lhs.index < rhs.index }
}

/// Where a line sits in the run: inputs in the order processed, then line order.
public struct ArchivePosition: Sendable, Hashable, Comparable {
    /// The input's index in the run's list of inputs.
    public var input: Int
    /// The 1-based line number in that input.
    public var line: Int

    public init(input: Int, line: Int) {
        self.input = input
        self.line = line
    }

    public static func < (lhs: ArchivePosition, rhs: ArchivePosition) -> Bool {
        (lhs.input, lhs.line) < (rhs.input, rhs.line)
    }
}

/// A line that is not a verified event, with why: what `verify` prints and `audit.csv` lists.
public struct Finding: Sendable, Equatable {
    /// The most characters of a delivery id or event type a finding keeps from an archive: enough
    /// for any real one, and a hostile megabyte id cannot bloat the audit.
    public static let maxFieldLength = 200

    static func capped(_ text: String) -> String {
        text.count <= maxFieldLength ? text : String(text.prefix(maxFieldLength)) + "…"
    }

    public var position: ArchivePosition
    public var status: DeliveryStatus
    public var reason: String
    public var deliveryId: String?
    public var eventType: String?

    /// A finding whose texts are made `displaySafe`: the delivery id and event type come from
    /// unauthenticated lines, and every output shows them to people.
    public init(position: ArchivePosition, status: DeliveryStatus, reason: String,
                deliveryId: String? = nil, eventType: String? = nil) {
        self.position = position
        self.status = status
        self.reason = reason.displaySafe
        self.deliveryId = deliveryId?.displaySafe
        self.eventType = eventType?.displaySafe
    }
}

/// An input that could not be read to its end.
public struct InputFailure: Sendable, Equatable {
    public var input: Int
    public var error: ArchiveReadError
    /// The line the reader had reached: lines before it were read and count.
    public var lineReached: Int

    public init(input: Int, error: ArchiveReadError, lineReached: Int) {
        self.input = input
        self.error = error
        self.lineReached = lineReached
    }
}
