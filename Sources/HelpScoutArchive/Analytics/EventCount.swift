/// The verified events of one UTC day and type: a row of `events.csv`.
package struct EventCount: Sendable, Equatable {
    /// Whole days since 1970-01-01 in UTC.
    package var day: Int
    package var type: EventType
    package var count: Int
}
