/// A mailbox as an event names it.
public struct Mailbox: Sendable, Hashable {
    /// The mailbox's Help Scout id.
    public var id: Int64
    /// The mailbox's name, if the event gives it.
    public var name: String?
}
