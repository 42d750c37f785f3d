/// A thread: a customer message, an agent reply, a note or something else. 24 bytes.
package struct ThreadFact: Sendable, Equatable {
    package var id: Int64
    package var time: Int64
    /// Index in `FactStore.agents` of an agent's reply or note author, or `IdTable.none`.
    package var author: Int32
    package var kind: ThreadRecord.Kind
}
