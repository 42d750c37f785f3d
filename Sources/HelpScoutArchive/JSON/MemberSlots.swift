/// The value tokens of a key set's keys (up to 16) in one object: a plain value, so reading it
/// needs no closure and copies nothing else.
struct MemberSlots {
    static let capacity = 16
    private var slots:
        (
            Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32,
            Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32
        ) = (-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1)

    /// The value of the key at `position` in the set (the last one when a key repeats), or nil.
    subscript(_ position: Int) -> Int? {
        let value = withUnsafeBytes(of: slots) { $0.load(fromByteOffset: position * 4, as: Int32.self) }
        return value < 0 ? nil : Int(value)
    }

    /// The value of `key` (the last one when it repeats), or nil.
    subscript<Key: JSONObjectKey>(_ key: Key) -> Int? { self[key.rawValue] }

    mutating func set(_ position: Int, _ value: Int) {
        withUnsafeMutableBytes(of: &slots) {
            $0.storeBytes(of: Int32(value), toByteOffset: position * 4, as: Int32.self)
        }
    }
}
