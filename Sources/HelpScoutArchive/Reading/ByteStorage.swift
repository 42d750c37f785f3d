/// A fixed-capacity heap buffer of bytes that a batch owns and hands from thread to thread.
package final class ByteStorage: @unchecked Sendable {
    package let base: UnsafeMutableRawPointer
    package let capacity: Int

    package init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }
}
