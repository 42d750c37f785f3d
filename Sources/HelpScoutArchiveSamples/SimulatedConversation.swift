/// A conversation as the simulator moves it through its life, and the events it emits.
struct SimulatedThread {
    enum Author {
        case customer
        case agent(SampleCast.Agent)
    }

    let id: Int64
    /// Help Scout's thread type: customer, reply, message, note, chat, phone, lineitem.
    let type: String
    let author: Author
    let createdAt: Int64
    let body: String
}

struct SimulatedConversation {
    let id: Int64
    let number: Int64
    let subject: String
    let customer: SampleCast.Customer
    var mailbox: SampleCast.MailboxInfo
    var status = "active"
    var assignee: SampleCast.Agent?
    var tags: [String] = []
    var threads: [SimulatedThread] = []
    let createdAt: Int64
    var closedAt: Int64?
    var userUpdatedAt: Int64
    let isChat: Bool
}

struct SimulatedRating {
    let id: Int64
    let conversationId: Int64
    let threadId: Int64
    let rating: String
    let comments: String?
    let agent: SampleCast.Agent?
    let mailboxId: Int64
    let customer: SampleCast.Customer
    let createdAt: Int64
    let modifiedAt: Int64
}

/// One event the simulation emits, with what its body needs.
struct SimulatedEvent {
    enum Subject {
        case conversation(SimulatedConversation)
        case thread(SimulatedThread, SimulatedConversation)
        case deletion(conversationId: Int64)
        case merge(SimulatedConversation, mergedId: Int64)
        case customer(SampleCast.Customer, createdAt: Int64)
        case rating(SimulatedRating)
        case custom(SimulatedConversation)
    }

    let type: String
    let time: Int64
    let subject: Subject
}
