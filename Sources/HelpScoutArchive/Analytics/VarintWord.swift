/// LEB128 varints read a word at a time: the fact log and partials hold millions of them, of
/// lengths that vary from one to the next, so a loop over their bytes mispredicts its end about
/// once a number.
enum VarintWord {
    /// The varint at the start of `word` (eight bytes, little-endian) and its length in bytes; nil
    /// when it does not end within them. Its seven-bit groups are packed without a branch per byte.
    @inline(__always)
    static func decode(_ word: UInt64) -> (value: UInt64, length: Int)? {
        let ends = ~word & 0x8080_8080_8080_8080
        guard ends != 0 else { return nil }
        let bits = ends.trailingZeroBitCount + 1
        var value = word & (UInt64.max >> (64 - bits)) & 0x7F7F_7F7F_7F7F_7F7F
        value = (value & 0x007F_007F_007F_007F) | ((value & 0x7F00_7F00_7F00_7F00) >> 1)
        value = (value & 0x0000_3FFF_0000_3FFF) | ((value & 0x3FFF_0000_3FFF_0000) >> 2)
        value = (value & 0x0000_0000_0FFF_FFFF) | ((value & 0x0FFF_FFFF_0000_0000) >> 4)
        return (value, bits >> 3)
    }

    /// The eight bytes at `pointer`, little-endian.
    @inline(__always)
    static func load(_ pointer: UnsafeRawPointer) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
    }
}
