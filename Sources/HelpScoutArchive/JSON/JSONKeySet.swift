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
            for index in 0..<min(8, key.utf8CodeUnitCount) { head |= UInt64(key.utf8Start[index]) << (8 * UInt64(index)) }
            return head
        }
        precondition(keys.allSatisfy { $0.utf8CodeUnitCount <= Self.longest } && keys.count <= MemberSlots.capacity)
        order = keys.indices.sorted { (keys[$0].utf8CodeUnitCount, $0) < (keys[$1].utf8CodeUnitCount, $1) }
        starts = (0...(Self.longest + 1)).map { length in keys.filter { $0.utf8CodeUnitCount < length }.count }
    }

    var count: Int { keys.count }

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
            for offset in 0..<length { head |= UInt64(bytes.load(fromByteOffset: offset, as: UInt8.self)) << (8 * UInt64(offset)) }
        }
        for slot in first..<end {
            let position = order[slot]
            if heads[position] == head
                && (length <= 8 || memcmp(bytes + 8, keys[position].utf8Start + 8, length - 8) == 0) {
                return position
            }
        }
        return nil
    }
}

/// The value tokens of a key set's keys (up to 16) in one object: a plain value, so reading it
/// needs no closure and copies nothing else.
struct MemberSlots {
    static let capacity = 16
    private var slots: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32,
                        Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32)
        = (-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)

    /// The value of the key at `position` in the set (the last one when a key repeats), or nil.
    subscript(_ position: Int) -> Int? {
        let value = withUnsafeBytes(of: slots) { $0.load(fromByteOffset: position * 4, as: Int32.self) }
        return value < 0 ? nil : Int(value)
    }

    fileprivate mutating func set(_ position: Int, _ value: Int) {
        withUnsafeMutableBytes(of: &slots) { $0.storeBytes(of: Int32(value), toByteOffset: position * 4, as: Int32.self) }
    }
}

extension JSONDocument {
    /// The values of the keys of `set` in the object at `object`, read in one pass over its members
    /// (none when it is not an object).
    func members(_ object: Int, _ set: JSONKeySet) -> MemberSlots {
        var values = MemberSlots()
        forEachMember(object) { key, value in
            if let position = set.index(of: key, in: self) { values.set(position, value) }
        }
        return values
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode's White_Space); no work when
    /// there is none.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.isWhiteSpace && !last.isWhiteSpace { return self }
        guard let start = scalars.firstIndex(where: { !$0.isWhiteSpace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.isWhiteSpace })!
        return String(scalars[start...end])
    }

    /// Trimmed and lower-cased, without copying what already is.
    var normalisedTag: String {
        let trimmed = self.trimmed
        if trimmed.utf8.allSatisfy({ $0 < 0x80 && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }) { return trimmed }
        return trimmed.lowercased()
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property, as `properties.isWhitespace` gives it, without that table
    /// lookup (it showed in profiles of names such as "Chloé").
    var isWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
