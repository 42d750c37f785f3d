/// A webhook event type: one of the 13 Help Scout documents, or another it may add later.
public enum EventType: Hashable, Sendable, Comparable {
    case agentReplyCreated, assigned, created, customerReplyCreated, deleted, merged, moved,
        noteCreated, status, tags, customerCreated, customerUpdated, satisfactionRatings
    /// A type Help Scout added after this tool: counted by name, not analysed.
    case other(String)

    /// The 13 known types in the order docs/format.md lists them.
    package static let known: [EventType] = Known.allCases.map(\.type)
    private static let knownNames: [StaticString] = Known.allCases.map(\.name)

    /// The wire name, e.g. `convo.assigned`.
    public var name: String {
        switch self {
        case .other(let name): return name
        default: return Self.knownNames[knownIndex!].description
        }
    }

    /// The position among `known`, nil for other types.
    package var knownIndex: Int? { knownCase?.rawValue }

    /// The known types in the order docs/format.md lists them: the one list that orders `known`, `knownIndex` and
    /// the names. Each switch below pairs cases by name, so no two lists can fall out of step.
    private enum Known: Int, CaseIterable {
        case agentReplyCreated, assigned, created, customerReplyCreated, deleted, merged, moved,
            noteCreated, status, tags, customerCreated, customerUpdated, satisfactionRatings

        var type: EventType {
            switch self {
            case .agentReplyCreated: .agentReplyCreated
            case .assigned: .assigned
            case .created: .created
            case .customerReplyCreated: .customerReplyCreated
            case .deleted: .deleted
            case .merged: .merged
            case .moved: .moved
            case .noteCreated: .noteCreated
            case .status: .status
            case .tags: .tags
            case .customerCreated: .customerCreated
            case .customerUpdated: .customerUpdated
            case .satisfactionRatings: .satisfactionRatings
            }
        }

        var name: StaticString {
            switch self {
            case .agentReplyCreated: "convo.agent.reply.created"
            case .assigned: "convo.assigned"
            case .created: "convo.created"
            case .customerReplyCreated: "convo.customer.reply.created"
            case .deleted: "convo.deleted"
            case .merged: "convo.merged"
            case .moved: "convo.moved"
            case .noteCreated: "convo.note.created"
            case .status: "convo.status"
            case .tags: "convo.tags"
            case .customerCreated: "customer.created"
            case .customerUpdated: "customer.updated"
            case .satisfactionRatings: "satisfaction.ratings"
            }
        }
    }

    private var knownCase: Known? {
        switch self {
        case .agentReplyCreated: .agentReplyCreated
        case .assigned: .assigned
        case .created: .created
        case .customerReplyCreated: .customerReplyCreated
        case .deleted: .deleted
        case .merged: .merged
        case .moved: .moved
        case .noteCreated: .noteCreated
        case .status: .status
        case .tags: .tags
        case .customerCreated: .customerCreated
        case .customerUpdated: .customerUpdated
        case .satisfactionRatings: .satisfactionRatings
        case .other: nil
        }
    }

    /// The type named by `bytes` (UTF-8), without allocating for the known names.
    package init(name bytes: UnsafeRawBufferPointer) {
        for (index, name) in Self.knownNames.enumerated() where name.utf8CodeUnitCount == bytes.count {
            if memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0 {
                self = Self.known[index]
                return
            }
        }
        self = .other(String(decoding: bytes, as: UTF8.self))
    }

    package init(name: String) {
        var name = name
        self = name.withUTF8 { EventType(name: UnsafeRawBufferPointer($0)) }
    }

    /// The thread kind an envelope's thread event carries, for the three thread events.
    package var threadKind: ThreadRecord.Kind? {
        switch self {
        case .agentReplyCreated: return .agentReply
        case .customerReplyCreated: return .customerMessage
        case .noteCreated: return .note
        default: return nil
        }
    }

    /// Orders types by name.
    public static func < (lhs: EventType, rhs: EventType) -> Bool { lhs.name < rhs.name }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
