/// A conversation object: the fields the metrics read.
public struct ConversationSnapshot: Sendable {
    /// The conversation's id.
    public var id: Int64
    /// The number people see, if given.
    public var number: Int64?
    /// `active`, `pending`, `closed` … as given.
    public var status: String?
    /// When the conversation was created, if given.
    public var createdAt: Timestamp?
    /// When it was closed, if given.
    public var closedAt: Timestamp?
    /// `nil` means unassigned.
    public var assignee: Person?
    /// The customer it is with (`primaryCustomer`, v1 `customer`), if given.
    public var customerId: Int64?
    /// The mailbox it is in, if given.
    public var mailbox: Mailbox?
    /// `nil` when the object has no `tags` array; names trimmed and lower-cased.
    public var tags: [String]?
    /// The threads the object carries (Help Scout sends them on most events).
    public var threads: [ThreadRecord] = []
}
