import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The signals that end a run (Ctrl-C, `kill`, a closed terminal) are blocked in every thread and
/// taken by one that waits for them, so a signal can never strike between creating a staging
/// folder and arranging for its removal. That thread runs the cleanup registered at the time,
/// prints what it says, then exits with the shell's status for the signal (128 + its number).
enum Interrupts {
    private static let signals = [SIGINT, SIGTERM, SIGHUP]
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cleanup: (@Sendable () -> String)?

    /// Blocks the signals in this thread and every thread started after it, and starts the thread
    /// that waits for them. Call it first thing, before any other thread exists. A signal the
    /// process was started with ignored (`nohup`, a job started with `&` in a script) stays ignored:
    /// a blocked signal would still reach the waiting thread.
    static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for number in signals {
            let previous = signal(number, SIG_IGN)
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            signal(number, previous)
            sigaddset(&set, number)
        }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let blocked = set
        let waiter = Thread {
            var set = blocked
            var received: Int32 = 0
            while sigwait(&set, &received) != 0 {}
            lock.lock()
            // Held until the process ends: a second signal waits here rather than exit half-way.
            Diagnostics.error(cleanup?() ?? "interrupted")
            RunRecording.endEarly(
                status: ExitStatus(rawValue: 128 + received), reason: "interrupted by signal \(received)")
        }
        waiter.stackSize = 1 << 18
        waiter.start()
    }

    /// Runs `body` on an interrupt until `clear()`, and prints the message it returns.
    static func onInterrupt(_ body: @escaping @Sendable () -> String) {
        lock.lock()
        cleanup = body
        lock.unlock()
    }

    static func clear() {
        lock.lock()
        cleanup = nil
        lock.unlock()
    }
}
