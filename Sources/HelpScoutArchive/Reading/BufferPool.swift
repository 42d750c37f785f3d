import Foundation

/// Batch buffers handed back after processing and reused by the readers, so a run touches the same
/// few megabytes throughout instead of faulting in (and fragmenting the heap with) a fresh megabyte
/// for every batch.
package final class BufferPool: @unchecked Sendable {
    package let bufferSize: Int
    private let capacity: Int
    private var free: [ByteStorage] = []
    private let lock = NSLock()

    /// - Parameters:
    ///   - bufferSize: the size of every buffer in the pool.
    ///   - capacity: how many idle buffers to keep at most.
    package init(bufferSize: Int, capacity: Int) {
        self.bufferSize = bufferSize
        self.capacity = capacity
    }

    /// A buffer of at least `size` bytes: a pooled one when `size` fits.
    package func take(atLeast size: Int) -> ByteStorage {
        guard size <= bufferSize else { return ByteStorage(capacity: size) }
        lock.lock()
        let reused = free.popLast()
        lock.unlock()
        return reused ?? ByteStorage(capacity: bufferSize)
    }

    /// Hands a buffer back; buffers of another size, or beyond the pool's capacity, are freed.
    package func recycle(_ storage: ByteStorage) {
        guard storage.capacity == bufferSize else { return }
        lock.lock()
        if free.count < capacity { free.append(storage) }
        lock.unlock()
    }
}
