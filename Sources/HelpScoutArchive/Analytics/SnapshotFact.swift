/// A conversation as one event showed it: 40 bytes (while the metrics are computed; the fact log
/// stores it in about 13).
package struct SnapshotFact: Sendable, Equatable {
    package var time: Int64
    /// When the conversation was closed as of this snapshot (`closedAt`, else the event time);
    /// `Fact.none` when it was not closed.
    package var closedEnd: Int64
    /// The event's place in archive order, to break ties between equal times.
    package var sequence: UInt32
    /// Index in `FactStore.tagSets`, or -1 without a `tags` array.
    package var tagSet: Int32
    /// Index in `FactStore.agents`, or `IdTable.none` when unassigned.
    package var assignee: Int32
    /// Index in `FactStore.mailboxes`, or `IdTable.none`.
    package var mailbox: Int32
    /// The customer it is with (`primaryCustomer`, v1 `customer`), or `Fact.none`.
    package var customer: Int64 = Fact.none

    package var isClosed: Bool { closedEnd != Fact.none }
}
