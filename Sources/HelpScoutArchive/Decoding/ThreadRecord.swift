/// One thread (message, reply, note …) of a conversation.
public struct ThreadRecord: Sendable {
    /// What a thread is, as far as the metrics care.
    public enum Kind: UInt8, Sendable {
        case customerMessage, agentReply, note
        /// Line items, forwards and anything else that is neither a message nor a reply.
        case other
    }

    /// The thread's id, if given.
    public var id: Int64?
    /// What the thread is.
    public var kind: Kind
    /// When it was written, if given.
    public var createdAt: Timestamp?
    /// `createdBy`: the agent of a reply, the customer of a message.
    public var author: Person?
}
