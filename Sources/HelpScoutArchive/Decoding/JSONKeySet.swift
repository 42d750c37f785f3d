#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fixed set of object keys to recognise in one pass over an object's members.
struct JSONKeySet: @unchecked Sendable {
    private let keys: [StaticString]

    init(_ keys: [StaticString]) { self.keys = keys }

    var count: Int { keys.count }

    /// The index in the set of the key token at `index`, or nil.
    func index(of index: Int, in tape: JSONDocument) -> Int? {
        let token = tape.tokens[index]
        if token.hasEscapes {
            let text = tape.decodedString(index)
            return keys.firstIndex { $0.description == text }
        }
        let length = Int(token.end - token.start)
        let bytes = tape.source.baseAddress! + Int(token.start)
        for (position, key) in keys.enumerated() where key.utf8CodeUnitCount == length {
            if memcmp(bytes, key.utf8Start, length) == 0 { return position }
        }
        return nil
    }
}

/// The value tokens of a key set's keys in one object, on the stack.
struct MemberValues {
    fileprivate let slots: UnsafeMutableBufferPointer<Int32>

    /// The value of the key at `position` in the set (the last one when a key repeats), or nil.
    subscript(_ position: Int) -> Int? {
        let value = slots[position]
        return value < 0 ? nil : Int(value)
    }
}

extension JSONDocument {
    /// Reads the keys of `set` in the object at `object` in one pass over its members (none when it
    /// is not an object) and hands their values to `body`, without allocating.
    func withMembers<Result>(_ object: Int, _ set: JSONKeySet, _ body: (MemberValues) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: set.count) { slots in
            slots.initialize(repeating: -1)
            forEachMember(object) { key, value in
                if let position = set.index(of: key, in: self) { slots[position] = Int32(value) }
            }
            return body(MemberValues(slots: slots))
        }
    }
}

extension String {
    /// The string without leading and trailing white space; no work when there is none.
    var trimmed: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        func isPlain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
        if isPlain(first) && isPlain(last) { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }

    /// Trimmed and lower-cased, without copying what already is.
    var normalisedTag: String {
        let trimmed = self.trimmed
        if trimmed.utf8.allSatisfy({ $0 < 0x80 && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }) { return trimmed }
        return trimmed.lowercased()
    }
}
