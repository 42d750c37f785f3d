import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Removes a half-written report folder when the run is interrupted (Ctrl-C, `kill`), then exits
/// with the shell's status for the signal. The previous report is never touched: the new one is
/// written beside it and only moved into place when complete.
final class InterruptCleanup: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    /// Held while the folder is moved into place, so an interrupt waits for the move to finish.
    private let lock = NSLock()

    init(removing path: String) {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [lock] in
                lock.lock()
                try? FileManager.default.removeItem(atPath: path)
                Diagnostics.error("interrupted; the previous report, if any, is unchanged")
                Glibc._exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Runs `body` (moving the finished folder into place) without an interrupt in the middle of it.
    func uninterrupted<Result>(_ body: () throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Stops watching: the folder is complete (or gone) and the default behaviour comes back.
    func disarm() {
        for source in sources { source.cancel() }
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { signal(signalNumber, SIG_DFL) }
    }
}
