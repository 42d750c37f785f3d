/// The state of one metric while conversations are added to it, one at a time.
///
/// The conversations may be split into parts in any way: the states of the parts, merged, equal the
/// state of one pass over them all (each metric's tests check this). That is what lets the metrics
/// be computed on every core, and what later work saves and merges.
protocol ConversationMetric: Sendable {
    associatedtype Rows: Equatable & Sendable

    /// The empty state of a run whose facts are `store`.
    init(store: FactStore)

    /// Adds one conversation that is not deleted.
    mutating func add(_ conversation: ConversationView)

    /// Takes in the state of another part of the conversations.
    mutating func merge(_ other: Self)

    /// The metric's rows, in the order the reports list them.
    consuming func rows(store: FactStore) -> Rows
}
