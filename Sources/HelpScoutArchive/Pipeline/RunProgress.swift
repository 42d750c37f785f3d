import Foundation

/// How far a run has got, readable from any thread while it goes: for a progress line.
///
/// The readers add the bytes they read and the ledger adds lines and finished inputs, a few
/// thousand times a second at most, so a lock costs nothing measurable.
public final class RunProgress: @unchecked Sendable {
    /// What a run has done so far.
    public struct Snapshot: Sendable, Equatable {
        /// Bytes read from the inputs, as stored (compressed or not).
        public var bytes = 0
        /// Lines merged, blank ones included.
        public var lines = 0
        /// Inputs read to their end (or as far as they could be read).
        public var inputsDone = 0
    }

    private let lock = NSLock()
    private var current = Snapshot()

    /// A progress counter at zero.
    public init() {}

    /// What the run has done so far.
    public var snapshot: Snapshot { lock.withLock { current } }

    func addBytes(_ count: Int) { lock.withLock { current.bytes += count } }
    func addLines(_ count: Int) { lock.withLock { current.lines += count } }
    func finishInput() { lock.withLock { current.inputsDone += 1 } }
}
