import Foundation

/// Work that mostly waits for the disk (each report file ends with an `fsync`), run on more threads
/// than there are cores so that the waits overlap: `DispatchQueue.concurrentPerform` runs as many
/// at once as there are cores, two on the bench machine, and a report folder has 25 files.
enum WaitingWork {
    /// Calls `body` once with each index below `iterations`, on up to `threads` threads at once
    /// (this one among them); returns once every call has returned. This thread takes every index
    /// no other has taken, so a helper thread that never starts delays nothing.
    static func perform(iterations: Int, threads: Int = 8, _ body: @escaping @Sendable (Int) -> Void) {
        let progress = Progress(iterations: iterations)
        let work: @Sendable () -> Void = {
            while let index = progress.take() {
                body(index)
                progress.finished()
            }
        }
        for _ in 1..<max(1, min(threads, iterations)) { Thread(block: work).start() }
        work()
        progress.waitForAll()
    }

    /// The indices taken and the calls finished, under a lock.
    private final class Progress: @unchecked Sendable {
        private let iterations: Int
        private var taken = 0
        private var finishedCount = 0
        private let condition = NSCondition()

        init(iterations: Int) { self.iterations = iterations }

        /// The next index to call `body` with; nil once all are taken.
        func take() -> Int? {
            condition.lock()
            defer { condition.unlock() }
            guard taken < iterations else { return nil }
            taken += 1
            return taken - 1
        }

        func finished() {
            condition.lock()
            finishedCount += 1
            if finishedCount == iterations { condition.broadcast() }
            condition.unlock()
        }

        /// Waits until every call has returned.
        func waitForAll() {
            condition.lock()
            while finishedCount < iterations { condition.wait() }
            condition.unlock()
        }
    }
}
