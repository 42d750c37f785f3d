/// A Help Scout user or customer as an event names them.
public struct Person: Sendable, Hashable {
    /// The person's Help Scout id.
    public var id: Int64
    /// The name the event gives (first and last joined), if any.
    public var name: String?
}
