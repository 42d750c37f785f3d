import Testing

@testable import HelpScoutArchive

@Suite struct DeliverySetTests {
    /// Keys spread as fingerprints are (a multiplicative hash of 1, 2, 3, ...).
    private func keys(_ range: Range<UInt64>) -> [DeliveryKey] {
        range.map { DeliveryKey(bits: $0 &* 0x9E37_79B9_7F4A_7C15) }
    }

    /// A set made room for at once, or grown step by step as keys come, or made room for after some
    /// keys are in (as a merge does after its first partial), tells the same keys new and the same
    /// ones retries.
    @Test func aSetMadeRoomForAtOnceTellsRetriesAsOneThatGrew() {
        let first = keys(0..<3000), second = keys(2000..<9000)
        var grown = DeliverySet(), roomy = DeliverySet()
        var grownAdded: [Bool] = [], roomyAdded: [Bool] = []
        grown.insert(first, added: &grownAdded)
        roomy.insert(first, added: &roomyAdded)
        roomy.reserve(9000)
        grown.insert(second, added: &grownAdded)
        roomy.insert(second, added: &roomyAdded)
        #expect(roomyAdded == grownAdded)
        #expect(grownAdded.filter { $0 }.count == 9000 && grown.count == 9000 && roomy.count == 9000)
        #expect(Array(grownAdded[3000..<4000]) == Array(repeating: false, count: 1000))
        // One at a time, and a reservation smaller than what the set holds changes nothing.
        roomy.reserve(10)
        #expect(!roomy.insert(keys(8999..<9000)[0]) && roomy.insert(keys(9000..<9001)[0]))
    }
}
