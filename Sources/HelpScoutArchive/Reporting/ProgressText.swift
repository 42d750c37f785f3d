/// The progress line a run shows on a terminal: what has been read, how fast, and how long is left
/// when the inputs' total size is known. A pure function of the counts, so it is tested without a
/// terminal.
package enum ProgressText {
    /// - Parameters:
    ///   - totalBytes: the inputs' size when every one is a file; `nil` with standard input.
    ///   - inputCount: how many inputs the run has.
    ///   - seconds: time since the run started.
    ///   - columns: the terminal's width; the line is cut one short of it, so it never wraps.
    package static func line(
        _ progress: RunProgress.Snapshot, totalBytes: Int?, inputCount: Int, seconds: Double, columns: Int
    ) -> String {
        var parts: [String] = []
        let rate = seconds > 0 ? Double(progress.bytes) / seconds : 0
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(progress.bytes) / Double(totalBytes))
            parts.append("\(size(progress.bytes)) of \(size(totalBytes)) (\(Int(fraction * 100))%)")
        } else {
            parts.append("\(size(progress.bytes)) read")
        }
        parts.append("\(TextCharts.count(progress.lines)) lines")
        parts.append("inputs \(progress.inputsDone)/\(inputCount)")
        // The time left before the throughput: a line cut to 80 columns keeps what matters more.
        if let totalBytes, rate > 0, progress.bytes < totalBytes {
            parts.append("about \(TextCharts.duration(Double(totalBytes - progress.bytes) / rate)) left")
        }
        parts.append("\(size(Int(rate)))/s read")
        let text = "hsarchive: " + parts.joined(separator: ", ")
        let width = max(columns, 2) - 1
        return text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    /// `812 B`, `4.2 MB`, `1.10 GB`: decimal units, as `ls -h --si` and disk makers count.
    package static func size(_ bytes: Int) -> String {
        let value = Double(bytes)
        switch bytes {
        case ..<1000: return "\(bytes) B"
        case ..<1_000_000: return decimal(value / 1e3, places: 1) + " kB"
        case ..<1_000_000_000: return decimal(value / 1e6, places: 1) + " MB"
        default: return decimal(value / 1e9, places: 2) + " GB"
        }
    }
}
