import Testing

@testable import HelpScoutArchive

@Suite struct EventTypeTests {
    @Test func theKnownTypesAreInTheDocumentedOrderEachAtItsIndexWithItsOwnName() {
        #expect(
            EventType.known.map(\.name) == [
                "convo.agent.reply.created", "convo.assigned", "convo.created", "convo.customer.reply.created",
                "convo.deleted", "convo.merged", "convo.moved", "convo.note.created", "convo.status",
                "convo.tags", "customer.created", "customer.updated", "satisfaction.ratings",
            ])
        for (index, type) in EventType.known.enumerated() {
            #expect(type.knownIndex == index)
            #expect(EventType(name: type.name) == type)
        }
    }

    @Test func otherNamesAreKeptAsTheyAre() {
        let type = EventType(name: "convo.unknown")
        #expect(type == .other("convo.unknown"))
        #expect(type.knownIndex == nil)
        #expect(type.name == "convo.unknown")
    }
}
