#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fixed set of object keys to recognise in one pass over an object's members.
///
/// Candidates are grouped by length and kept as their first eight bytes in one word, so a member key
/// is compared with the one or two keys of its length by an integer comparison; only keys longer
/// than eight bytes need a `memcmp` of the rest.
struct JSONKeySet: @unchecked Sendable {
    private static let longest = 32
    private let keys: [StaticString]
    /// For each length, where its candidates start in `order` (one more entry marks the end).
    private let starts: [Int]
    /// Candidate positions in the set, grouped by length.
    private let order: [Int]
    /// The first eight bytes of each key, by position in the set.
    private let heads: [UInt64]

    init(_ keys: [StaticString]) {
        self.keys = keys
        heads = keys.map { key in
            var head: UInt64 = 0
            for index in 0..<min(8, key.utf8CodeUnitCount) {
                head |= UInt64(key.utf8Start[index]) << (8 * UInt64(index))
            }
            return head
        }
        precondition(keys.allSatisfy { $0.utf8CodeUnitCount <= Self.longest } && keys.count <= MemberSlots.capacity)
        order = keys.indices.sorted { (keys[$0].utf8CodeUnitCount, $0) < (keys[$1].utf8CodeUnitCount, $1) }
        starts = (0...(Self.longest + 1)).map { length in keys.filter { $0.utf8CodeUnitCount < length }.count }
    }

    /// The set of the keys `Key` names, each at its case's position.
    init<Key: JSONObjectKey>(_: Key.Type) {
        precondition(Key.allCases.enumerated().allSatisfy { $0.offset == $0.element.rawValue })
        self.init(Key.allCases.map(\.key))
    }

    /// The index in the set of the key token at `index`, or nil.
    @inline(__always)
    func index(of index: Int, in tape: JSONDocument) -> Int? {
        let token = tape.tokens[index]
        if token.hasEscapes {
            let text = tape.decodedString(index)
            return keys.firstIndex { $0.description == text }
        }
        let length = Int(token.end - token.start)
        guard length <= Self.longest else { return nil }
        let first = starts[length], end = starts[length + 1]
        guard first < end else { return nil }
        let bytes = tape.source.baseAddress! + Int(token.start)
        var head: UInt64 = 0
        if length >= 8 {
            head = bytes.loadUnaligned(as: UInt64.self)
        } else if Int(token.start) + 8 <= tape.source.count {
            // A short key: eight bytes loaded at once, the ones past its end masked off.
            head = bytes.loadUnaligned(as: UInt64.self) & (UInt64.max >> (64 - 8 * UInt64(length)))
        } else {
            for offset in 0..<length {
                head |= UInt64(bytes.load(fromByteOffset: offset, as: UInt8.self)) << (8 * UInt64(offset))
            }
        }
        for slot in first..<end {
            let position = order[slot]
            if heads[position] == head
                && (length <= 8 || memcmp(bytes + 8, keys[position].utf8Start + 8, length - 8) == 0)
            {
                return position
            }
        }
        return nil
    }
}
