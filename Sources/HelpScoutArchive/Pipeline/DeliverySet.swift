import CJSONKernels

/// The deliveries already verified, to tell retries apart: 8 bytes a delivery in an open-addressing
/// table of at most 80% load.
///
/// The key (`DeliveryKey`) is 64 bits of the body's fingerprint mixed with the event type. Two
/// different verified deliveries share a key with probability about n²/2⁶⁵ — 4·10⁻⁹ for 400,000
/// deliveries — far below anything else that could go wrong; twice the bytes would buy nothing an
/// archive could notice.
struct DeliverySet {
    private var keys: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init() {
        keys = Array(repeating: 0, count: 1024)
        mask = 1023
    }

    /// Makes room for `expected` deliveries in all, at once: growing step by step rehashes every
    /// key at each step, a cache miss each, without the batch's fetching ahead.
    mutating func reserve(_ expected: Int) {
        var slots = keys.count
        while slots * 4 < expected * 5 { slots *= 2 }
        guard slots > keys.count else { return }
        let old = keys
        keys = Array(repeating: 0, count: slots)
        mask = slots - 1
        for key in old where key != 0 { _ = place(key) }
    }

    /// Adds the delivery `key` recognises.
    /// - Returns: false when an identical delivery was added before.
    mutating func insert(_ delivery: DeliveryKey) -> Bool {
        let key = delivery.bits
        if (count + 1) * 5 > (mask + 1) * 4 { grow() }
        guard place(key) else { return false }
        count += 1
        return true
    }

    /// Fetches the slot `delivery` would be inserted at into the cache, ahead of `insert(_:)`.
    /// (A slot fetched before the table grows is wasted, never wrong.)
    func prefetch(_ delivery: DeliveryKey) {
        keys.withUnsafeBufferPointer { hs_prefetch_for_write($0.baseAddress! + Self.slot(delivery.bits, mask)) }
    }

    /// Adds each of `batch`, keys that differ from each other (a partial's), appending to
    /// `added` whether each was new. The slots are fetched into the cache a few keys ahead: a
    /// merge's table is far larger than the caches, and one at a time each key waits for memory.
    mutating func insert(_ batch: [DeliveryKey], added: inout [Bool]) {
        while (count + batch.count) * 5 > (mask + 1) * 4 { grow() }
        let mask = self.mask
        let ahead = 8
        var inserted = 0
        keys.withUnsafeMutableBufferPointer { slots in
            let base = slots.baseAddress!
            for index in 0..<min(ahead, batch.count) {
                hs_prefetch_for_write(base + Self.slot(batch[index].bits, mask))
            }
            for index in batch.indices {
                if index + ahead < batch.count {
                    hs_prefetch_for_write(base + Self.slot(batch[index + ahead].bits, mask))
                }
                let isNew = Self.place(batch[index].bits, in: slots, mask: mask)
                if isNew { inserted += 1 }
                added.append(isNew)
            }
        }
        count += inserted
    }

    private static func slot(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: key ^ (key >> 29)) & mask }

    /// Puts `key` in its slot; false when it is there already.
    private mutating func place(_ key: UInt64) -> Bool {
        let mask = self.mask
        return keys.withUnsafeMutableBufferPointer { Self.place(key, in: $0, mask: mask) }
    }

    private static func place(_ key: UInt64, in slots: UnsafeMutableBufferPointer<UInt64>, mask: Int) -> Bool {
        var slot = slot(key, mask)
        while true {
            let stored = slots[slot]
            if stored == 0 {
                slots[slot] = key
                return true
            }
            if stored == key { return false }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() { reserve(keys.count * 8 / 5) }
}

/// What recognises a retried delivery: 64 bits of its body's fingerprint mixed with its event type
/// (never zero, which marks an empty slot of `DeliverySet`). Partials store it with each event, so
/// a merge tells retries apart exactly as one run does.
public struct DeliveryKey: Hashable, Sendable {
    package let bits: UInt64

    package init(bits: UInt64) { self.bits = max(bits, 1) }

    /// The key of a delivery of `type` whose body has `fingerprint`.
    package init(type: EventType, fingerprint: BodyFingerprint) {
        self.init(bits: fingerprint.high ^ Self.code(of: type))
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
