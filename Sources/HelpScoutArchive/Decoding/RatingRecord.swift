/// A satisfaction rating.
public struct RatingRecord: Sendable {
    /// The customer's answer.
    public enum Score: UInt8, Sendable, CaseIterable {
        case great, okay, notGood, unknown
    }

    /// The rating's own id, if given.
    public var id: Int64?
    /// The rated reply's thread id, if given.
    public var threadId: Int64?
    /// The rated conversation.
    public var conversationId: Int64
    /// The customer's answer.
    public var score: Score
    /// `user`: the agent whose reply was rated.
    public var agent: Person?
    /// The mailbox, if given.
    public var mailboxId: Int64?
    /// The customer's comment, if any.
    public var comments: String?
    /// The customer who rated (`customer.id`), if given.
    public var customerId: Int64?
}
