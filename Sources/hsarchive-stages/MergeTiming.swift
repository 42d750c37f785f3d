import Foundation
import HelpScoutArchive

/// How long `merge` takes to read partials into a fact store, apart from the metrics and the files
/// it then computes and writes as `report` does: what `make bench` sets beside merge's whole time.
/// The store has the bench's options, as `RenderTiming`'s.
///
/// With `HSARCHIVE_STAGES_ONE_PART=N`, the partials are read once and the metrics are also timed
/// on one thread, best of N: steadier figures for comparing two builds of the metrics. With
/// `HSARCHIVE_STAGES_REPEATS=N`, the best of N runs of each stage rather than 5.
enum MergeTiming {
    /// Counts and forgets findings, as the audit's writer would take them.
    final class Sink: RunObserver {
        var findings = 0
        func record(finding: Finding) { findings += 1 }
    }

    static func run(partials: [String]) {
        let onePartRepeats = ProcessInfo.processInfo.environment["HSARCHIVE_STAGES_ONE_PART"].flatMap { Int($0) }
        let contents = partials.map { try! [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) }
        var store = RenderTiming.benchStore()
        let repeats = ProcessInfo.processInfo.environment["HSARCHIVE_STAGES_REPEATS"].flatMap { Int($0) } ?? 5
        let reading = fastest(onePartRepeats == nil ? repeats : 1) {
            store = RenderTiming.benchStore()
            let sink = Sink()
            var merge = PartialMerge()
            for (index, bytes) in contents.enumerated() {
                try! merge.add(MemorySource(bytes), name: partials[index], observer: sink, store: &store)
            }
            store.finishMerge()
        }
        let metrics = fastest(repeats) { _ = AnalyticsResult(store: store) }
        if let onePartRepeats {
            let onePart = fastest(onePartRepeats) { _ = AnalyticsResult(store: store, parts: 1) }
            print(String(format: "the metrics on one thread: %.1f ms", onePart))
        }
        let bytes = contents.map(\.count).reduce(0, +)
        print(
            String(
                format: "merge: reading %d partials (%.1f MB) %.1f ms, the metrics %.1f ms", partials.count,
                Double(bytes) / 1e6, reading, metrics))
    }

    /// The best of `repeats` runs of `body`, in milliseconds.
    private static func fastest(_ repeats: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<max(repeats, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return best
    }
}
