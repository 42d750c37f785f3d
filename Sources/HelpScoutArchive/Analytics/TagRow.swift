/// How one tag was used: a row of `tags.csv`.
package struct TagRow: Sendable, Equatable {
    package var tag: String
    /// Conversations whose last known tag set holds the tag.
    package var conversations = 0
    package var added = 0
    package var removed = 0
}
