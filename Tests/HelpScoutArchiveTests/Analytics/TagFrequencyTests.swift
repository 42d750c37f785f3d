import Testing

@testable import HelpScoutArchive

@Suite struct TagFrequencyTests {
    typealias S = EventScript

    @Test func additionsRemovalsAndFinalSetsByHand() {
        let analytics = S.analytics([
            S.snapshot(.created, at: 0, tags: ["a"]), S.snapshot(.tags, at: 10, tags: ["a", "b"]),
            // The assignment has no tags array: it is not a tag set.
            S.snapshot(.tags, at: 20, tags: ["b"]), S.snapshot(.assigned, at: 30, assignee: 301),
            S.snapshot(.tags, conversation: 2, at: 0, tags: ["b", "c", "b"]),
            S.snapshot(.tags, conversation: 3, at: 0, tags: ["z"]), S.deletion(3, at: 5),
        ])
        #expect(
            analytics.tags == [
                TagRow(tag: "b", conversations: 2, added: 2, removed: 0),
                TagRow(tag: "c", conversations: 1, added: 1, removed: 0),
                TagRow(tag: "a", conversations: 0, added: 1, removed: 1),
            ])
    }

    @Test func anEmptyTagsArrayRemovesEverything() {
        let analytics = S.analytics([S.snapshot(.created, at: 0, tags: ["x"]), S.snapshot(.tags, at: 10, tags: [])])
        #expect(analytics.tags == [TagRow(tag: "x", conversations: 0, added: 1, removed: 1)])
    }

    /// "é" as one code point and as "e" with a combining accent are one tag to Swift's strings:
    /// tags.csv spells it as the archives first did, not as the lowest conversation id did.
    @Test func equivalentTagNamesAreSpeltAsFirstSeenInTheArchives() {
        let composed = "caf\u{E9}", decomposed = "cafe\u{301}"
        let analytics = S.analytics([
            S.snapshot(.tags, conversation: 2, at: 0, tags: [composed, "x"]),
            S.snapshot(.tags, conversation: 1, at: 10, tags: [decomposed]),
        ])
        #expect(analytics.tags.count == 2)
        let tag = analytics.tags.first { $0.tag == composed }
        #expect(tag?.conversations == 2 && tag?.added == 2)
        #expect(tag.map { Array($0.tag.utf8) } == Array(composed.utf8))
    }
}
