import Testing

@testable import HelpScoutArchive

@Suite struct JSONKeySetTests {
    static let keys: [StaticString] = [
        "a", "id", "tag", "type", "first", "status", "_links", "closedAt", "createdBy", "mailboxId",
        "userUpdatedAt",
    ]

    /// The members found by the key set, by key, in an object of `members`.
    func found(_ members: [(String, Int)], set: JSONKeySet, tape: JSONTape) -> [String: Int] {
        let text = "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        var found: [String: Int] = [:]
        Array(text.utf8).withUnsafeBytes { bytes in
            #expect(tape.parse(bytes) == nil)
            let document = tape.document
            let slots = document.members(document.root, set)
            for (position, key) in Self.keys.enumerated() {
                if let value = slots[position] { found[key.description] = Int(document.int64(value)!) }
            }
        }
        return found
    }

    @Test func everyKeyIsFoundWhereverItIsEvenAtTheTextsEnd() {
        let set = JSONKeySet(Self.keys), tape = JSONTape()
        for key in Self.keys.map(\.description) {
            // Alone (the key then ends a few bytes before the text), first, last, and among near misses.
            #expect(found([(key, 1)], set: set, tape: tape) == [key: 1])
            #expect(found([(key, 2), ("zz", 3)], set: set, tape: tape) == [key: 2])
            #expect(found([("zz", 3), (key, 4)], set: set, tape: tape) == [key: 4])
            let nearMisses = [String(key.dropLast()) + "X", "X" + key.dropFirst(), key + "s", String(key.dropLast())]
                .filter { !Self.keys.map(\.description).contains($0) && !$0.isEmpty }
            #expect(found(nearMisses.map { ($0, 5) } + [(key, 6)], set: set, tape: tape) == [key: 6])
        }
    }

    private enum SampleKey: Int, JSONObjectKey {
        case id, embedded, createdBy

        var key: StaticString {
            switch self {
            case .id: "id"
            case .embedded: "_embedded"
            case .createdBy: "createdBy"
            }
        }
    }

    @Test func aSetOfObjectKeysFillsEachCasesSlot() {
        let tape = JSONTape()
        Array(#"{"createdBy":3,"x":0,"_embedded":2,"id":1}"#.utf8).withUnsafeBytes { bytes in
            #expect(tape.parse(bytes) == nil)
            let document = tape.document
            let slots = document.members(document.root, JSONKeySet(SampleKey.self))
            #expect(document.int64(slots[SampleKey.id]) == 1)
            #expect(document.int64(slots[SampleKey.embedded]) == 2)
            #expect(document.int64(slots[SampleKey.createdBy]) == 3)
        }
    }
}
