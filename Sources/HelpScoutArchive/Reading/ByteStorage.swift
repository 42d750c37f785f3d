/// A fixed-capacity heap buffer of bytes that a batch owns and hands from thread to thread.
public final class ByteStorage: @unchecked Sendable {
    public let base: UnsafeMutableRawPointer
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }
}
