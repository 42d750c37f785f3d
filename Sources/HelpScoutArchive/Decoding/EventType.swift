/// A webhook event type: one of the 13 Help Scout documents, or another it may add later.
public enum EventType: Hashable, Sendable, Comparable {
    case agentReplyCreated, assigned, created, customerReplyCreated, deleted, merged, moved,
         noteCreated, status, tags, customerCreated, customerUpdated, satisfactionRatings
    /// A type Help Scout added after this tool: counted by name, not analysed.
    case other(String)

    /// The 13 known types in the order of the spec.
    public static let known: [EventType] = [
        .agentReplyCreated, .assigned, .created, .customerReplyCreated, .deleted, .merged, .moved,
        .noteCreated, .status, .tags, .customerCreated, .customerUpdated, .satisfactionRatings,
    ]

    private static let knownNames: [StaticString] = [
        "convo.agent.reply.created", "convo.assigned", "convo.created", "convo.customer.reply.created",
        "convo.deleted", "convo.merged", "convo.moved", "convo.note.created", "convo.status",
        "convo.tags", "customer.created", "customer.updated", "satisfaction.ratings",
    ]

    /// The wire name, e.g. `convo.assigned`.
    public var name: String {
        guard let index = knownIndex else {
            if case .other(let name) = self { return name }
            fatalError("unreachable")
        }
        return Self.knownNames[index].description
    }

    /// The position among `known`, nil for other types.
    public var knownIndex: Int? {
        switch self {
        case .agentReplyCreated: return 0
        case .assigned: return 1
        case .created: return 2
        case .customerReplyCreated: return 3
        case .deleted: return 4
        case .merged: return 5
        case .moved: return 6
        case .noteCreated: return 7
        case .status: return 8
        case .tags: return 9
        case .customerCreated: return 10
        case .customerUpdated: return 11
        case .satisfactionRatings: return 12
        case .other: return nil
        }
    }

    /// The type named by `bytes` (UTF-8), without allocating for the known names.
    public init(name bytes: UnsafeRawBufferPointer) {
        for (index, name) in Self.knownNames.enumerated() where name.utf8CodeUnitCount == bytes.count {
            if memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0 {
                self = Self.known[index]
                return
            }
        }
        self = .other(String(decoding: bytes, as: UTF8.self))
    }

    public init(name: String) {
        var name = name
        self = name.withUTF8 { EventType(name: UnsafeRawBufferPointer($0)) }
    }

    /// The thread kind an envelope's thread event carries, for the three thread events.
    public var threadKind: ThreadRecord.Kind? {
        switch self {
        case .agentReplyCreated: return .agentReply
        case .customerReplyCreated: return .customerMessage
        case .noteCreated: return .note
        default: return nil
        }
    }

    public static func < (lhs: EventType, rhs: EventType) -> Bool { lhs.name < rhs.name }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
