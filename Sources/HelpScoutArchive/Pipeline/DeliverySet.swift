/// The deliveries already verified, to tell retries apart: 16 bytes a delivery in an open-addressing
/// table, since the fingerprints are already well-mixed hashes.
struct DeliverySet {
    private var keys: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init() {
        keys = Array(repeating: 0, count: 2 * 1024)
        mask = 1023
    }

    /// Adds the delivery of `type` whose body has `fingerprint`.
    /// - Returns: false when an identical delivery was added before.
    mutating func insert(type: EventType, fingerprint: BodyFingerprint) -> Bool {
        let high = fingerprint.high ^ Self.code(of: type)
        // Zero marks an empty slot, so a key of zero is stored as one.
        let low = fingerprint.low == 0 ? 1 : fingerprint.low
        if (count + 1) * 10 > (mask + 1) * 7 { grow() }
        return keys.withUnsafeMutableBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: high) & mask
            while true {
                let storedLow = slots[2 * slot + 1]
                if storedLow == 0 {
                    slots[2 * slot] = high
                    slots[2 * slot + 1] = low
                    count += 1
                    return true
                }
                if storedLow == low && slots[2 * slot] == high { return false }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func grow() {
        let old = keys
        keys = Array(repeating: 0, count: old.count * 2)
        mask = old.count - 1
        count = 0
        for slot in stride(from: 0, to: old.count, by: 2) where old[slot + 1] != 0 {
            _ = insertRaw(high: old[slot], low: old[slot + 1])
        }
    }

    private mutating func insertRaw(high: UInt64, low: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: high) & mask
        while keys[2 * slot + 1] != 0 { slot = (slot + 1) & mask }
        keys[2 * slot] = high
        keys[2 * slot + 1] = low
        count += 1
        return true
    }

    /// A number per event type that changes the key, so equal bodies of different types differ.
    private static func code(of type: EventType) -> UInt64 {
        if let index = type.knownIndex { return knownCodes[index] }
        return nameHash(type.name)
    }

    private static let knownCodes = EventType.known.map { nameHash($0.name) }

    /// FNV-1a of the type's name.
    private static func nameHash(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return hash
    }
}
