/// A verified delivery decoded into the facts the analytics use.
public struct DecodedEvent: Sendable {
    public var type: EventType
    /// The event time (section 3 of the spec): what orders events.
    public var time: Timestamp
    public var payload: EventPayload
    /// Whether the body was the catalog's envelope rather than Help Scout's bare object.
    public var isEnvelope: Bool

    public init(type: EventType, time: Timestamp, payload: EventPayload, isEnvelope: Bool) {
        self.type = type
        self.time = time
        self.payload = payload
        self.isEnvelope = isEnvelope
    }
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

/// A Help Scout user or customer as an event names them.
public struct Person: Sendable, Hashable {
    public var id: Int64
    public var name: String?

    public init(id: Int64, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

/// A mailbox as an event names it.
public struct Mailbox: Sendable, Hashable {
    public var id: Int64
    public var name: String?

    public init(id: Int64, name: String? = nil) {
        self.id = id
        self.name = name
    }
}

/// A conversation object: the fields the metrics read.
public struct ConversationSnapshot: Sendable {
    public var id: Int64
    public var number: Int64?
    public var status: String?
    public var createdAt: Timestamp?
    public var closedAt: Timestamp?
    /// `nil` means unassigned.
    public var assignee: Person?
    public var mailbox: Mailbox?
    /// `nil` when the object has no `tags` array; names trimmed and lower-cased.
    public var tags: [String]?
    public var threads: [ThreadRecord]

    public init(id: Int64, number: Int64? = nil, status: String? = nil, createdAt: Timestamp? = nil,
                closedAt: Timestamp? = nil, assignee: Person? = nil, mailbox: Mailbox? = nil,
                tags: [String]? = nil, threads: [ThreadRecord] = []) {
        self.id = id
        self.number = number
        self.status = status
        self.createdAt = createdAt
        self.closedAt = closedAt
        self.assignee = assignee
        self.mailbox = mailbox
        self.tags = tags
        self.threads = threads
    }
}

/// One thread (message, reply, note …) of a conversation.
public struct ThreadRecord: Sendable {
    public enum Kind: UInt8, Sendable {
        case customerMessage, agentReply, note
        /// Line items, forwards and anything else that is neither a message nor a reply.
        case other
    }

    public var id: Int64?
    public var kind: Kind
    public var createdAt: Timestamp?
    /// `createdBy`: the agent of a reply, the customer of a message.
    public var author: Person?

    public init(id: Int64?, kind: Kind, createdAt: Timestamp?, author: Person? = nil) {
        self.id = id
        self.kind = kind
        self.createdAt = createdAt
        self.author = author
    }
}

/// A satisfaction rating.
public struct RatingRecord: Sendable {
    public enum Score: UInt8, Sendable, CaseIterable {
        case great, okay, notGood, unknown
    }

    public var id: Int64?
    public var threadId: Int64?
    public var conversationId: Int64
    public var score: Score
    /// `user`: the agent whose reply was rated.
    public var agent: Person?
    public var mailboxId: Int64?
    public var comments: String?

    public init(id: Int64?, threadId: Int64?, conversationId: Int64, score: Score,
                agent: Person? = nil, mailboxId: Int64? = nil, comments: String? = nil) {
        self.id = id
        self.threadId = threadId
        self.conversationId = conversationId
        self.score = score
        self.agent = agent
        self.mailboxId = mailboxId
        self.comments = comments
    }
}
