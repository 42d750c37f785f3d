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
}
