/// A growable byte buffer at a stable address, for the hot path: written through pointers, reused
/// from line to line, never copied.
package final class ByteBuffer {
    package private(set) var base: UnsafeMutablePointer<UInt8>
    package private(set) var capacity: Int
    package var count = 0

    package init(capacity: Int = 64 << 10) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `count` bytes (and 64 more, for vector-sized stores past the end); keeps nothing.
    package func reserve(_ count: Int) {
        guard count + 64 > capacity else { return }
        base.deallocate()
        capacity = max(count + 64, capacity * 2)
        base = .allocate(capacity: capacity)
    }

    package var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}
