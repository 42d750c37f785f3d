import Foundation

/// Work that mostly waits for the disk (each report file ends with an `fsync`), run on more threads
/// than there are cores so that the waits overlap: `DispatchQueue.concurrentPerform` runs as many
/// at once as there are cores, two on the bench machine, and a report folder has 25 files.
enum WaitingWork {
    /// Calls `body` once with each index below `iterations`, on up to `threads` threads at once
    /// (this one among them); returns once every call has returned.
    static func perform(iterations: Int, threads: Int = 8, _ body: @escaping @Sendable (Int) -> Void) {
        let next = NextIndex()
        let work: @Sendable () -> Void = {
            while let index = next.take(below: iterations) { body(index) }
        }
        let helpers = DispatchGroup()
        for _ in 1..<max(1, min(threads, iterations)) {
            helpers.enter()
            Thread {
                work()
                helpers.leave()
            }.start()
        }
        work()
        helpers.wait()
    }

    /// The next index to take, under a lock.
    private final class NextIndex: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()

        func take(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            value += 1
            return value - 1
        }
    }
}
