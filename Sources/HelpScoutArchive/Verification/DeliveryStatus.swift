/// The one status every non-blank line gets (docs/format.md lists when each applies).
public enum DeliveryStatus: String, Sendable, CaseIterable, Comparable {
    case verified, duplicate, forged, unsigned, malformed, undecodable

    /// Whether lines with this status are listed in the audit (`verify`'s output and `audit.csv`).
    public var isAudited: Bool {
        switch self {
        case .verified, .duplicate: return false
        case .forged, .unsigned, .malformed, .undecodable: return true
        }
    }

    /// The position in `allCases`: the order docs/format.md and every report list them in.
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

    /// Orders statuses as `allCases` lists them.
    public static func < (lhs: DeliveryStatus, rhs: DeliveryStatus) -> Bool { lhs.index < rhs.index }
}
