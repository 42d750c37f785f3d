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
}
