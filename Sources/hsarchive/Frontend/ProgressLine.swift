import CPlatform
import Foundation
import HelpScoutArchive

#if canImport(Glibc)
    import Glibc
#endif

/// The progress line on a terminal: drawn on standard error from half a second into a run and
/// redrawn in place four times a second by one thread of its own, which only reads the run's
/// counters, so the run itself does no more work for it. Whatever else is written to the
/// terminal first clears the line (`clearingLine`), and the next tick draws it again below.
final class ProgressLine: @unchecked Sendable {
    private static let lock = NSLock()
    /// The line being shown, if any; guarded by `lock`.
    nonisolated(unsafe) private static var shown: ProgressLine?

    private let progress: RunProgress
    private let totalBytes: Int?
    private let inputCount: Int
    private let started = Date()
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    /// Guarded by `lock`.
    private var stopped = false
    private var drawnWidth = 0

    /// A progress line for a run over `inputs`, or nil when standard error is not a terminal or the
    /// run is quiet.
    static func start(progress: RunProgress, inputs: [ArchiveInput], quiet: Bool) -> ProgressLine? {
        guard !quiet, isatty(2) == 1 else { return nil }
        let line = ProgressLine(progress: progress, inputs: inputs)
        let thread = Thread { line.draw() }
        thread.stackSize = 256 << 10
        thread.start()
        return line
    }

    private init(progress: RunProgress, inputs: [ArchiveInput]) {
        self.progress = progress
        inputCount = inputs.count
        var total = 0
        var known = true
        for input in inputs {
            guard case .file(let path) = input.source else {
                known = false
                continue
            }
            total += path.regularFileSize ?? 0
        }
        totalBytes = known ? total : nil
    }

    /// Stops the redrawing and clears the line, before the run's last words are printed.
    func stop() {
        Self.lock.withLock { stopped = true }
        wake.signal()
        finished.wait()
        Self.clearingLine {}
    }

    /// Runs `write` with the progress line cleared first, so that text written to the terminal
    /// does not land after it.
    static func clearingLine<Failure: Error>(_ write: () throws(Failure) -> Void) throws(Failure) {
        lock.lock()
        defer { lock.unlock() }
        if let line = shown {
            // No wider than the terminal is now: it may have been narrowed since the line was drawn.
            let columns = Int(hs_terminal_columns(2))
            let width = columns > 0 ? min(line.drawnWidth, columns - 1) : line.drawnWidth
            line.output("\r" + String(repeating: " ", count: width) + "\r")
            line.drawnWidth = 0
            shown = nil
        }
        try write()
    }

    private func draw() {
        var wait = 0.5
        while wake.wait(timeout: .now() + wait) == .timedOut {
            wait = 0.25
            Self.lock.withLock {
                guard !stopped else { return }
                let reported = Int(hs_terminal_columns(2))
                let columns = reported > 0 ? reported : 80
                let text = ProgressText.line(
                    progress.snapshot, totalBytes: totalBytes, inputCount: inputCount,
                    seconds: Date().timeIntervalSince(started), columns: columns)
                let width = text.count
                // Spaces, not an escape sequence, rub out a longer line drawn before: any terminal
                // (TERM=dumb too) understands them.
                let rubOut = max(0, min(drawnWidth, columns - 1) - width)
                output("\r" + text + String(repeating: " ", count: rubOut))
                drawnWidth = width + rubOut
                Self.shown = self
            }
        }
        finished.signal()
    }

    private func output(_ text: String) {
        var text = text
        text.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
    }
}
