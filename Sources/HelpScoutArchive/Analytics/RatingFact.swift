/// One version of a satisfaction rating.
package struct RatingFact: Sendable {
    package enum Identity: Hashable, Sendable {
        case rating(Int64)
        case thread(Int64)
        case conversation(Int64)
    }

    package var identity: Identity
    package var conversation: Int64
    package var time: Int64
    package var sequence: UInt32
    package var score: RatingRecord.Score
    package var agent: Int64
    package var mailbox: Int64
    /// The rated reply's thread id (`Fact.none` when not given): names the agent of a rating that
    /// names none (v1 ratings never do).
    package var thread: Int64 = Fact.none
}
