/// A verified delivery decoded into the facts the analytics use.
public struct DecodedEvent: Sendable {
    /// The event type the body gives.
    public var type: EventType
    /// The event time (docs/format.md says which field gives it): what orders events.
    public var time: Timestamp
    /// What the event carries.
    public var payload: EventPayload
    /// Whether the body was an envelope (`eventType`, `createdAt`, `object`) rather than Help Scout's bare object.
    public var isEnvelope: Bool
}

/// What an event says, by the kind of object it carries.
public enum EventPayload: Sendable {
    /// A whole conversation as it stood at the event time.
    case conversation(ConversationSnapshot)
    /// One thread of a conversation (envelope thread events).
    case thread(conversationId: Int64, ThreadRecord)
    case deletion(conversationId: Int64)
    case merge(conversationId: Int64, mergedConversationId: Int64?)
    case customer(id: Int64)
    case rating(RatingRecord)
    /// An event type this tool does not analyse.
    case unanalysed

    /// The conversation the event concerns, if any.
    public var conversationId: Int64? {
        switch self {
        case .conversation(let snapshot): return snapshot.id
        case .thread(let id, _), .deletion(let id), .merge(let id, _): return id
        case .rating(let rating): return rating.conversationId
        case .customer, .unanalysed: return nil
        }
    }
}
