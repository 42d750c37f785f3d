import Foundation
import HelpScoutArchive

/// How long `merge` takes to read partials into a fact store, apart from the metrics and the files
/// it then computes and writes as `report` does: what `make bench` sets beside merge's whole time.
enum MergeTiming {
    /// Counts and forgets findings, as the audit's writer would take them.
    final class Sink: RunObserver {
        var findings = 0
        func record(finding: Finding) { findings += 1 }
    }

    static func run(partials: [String]) {
        let contents = partials.map { try! [UInt8](Data(contentsOf: URL(fileURLWithPath: $0))) }
        var best = Double.infinity
        var store = FactStore()
        for _ in 0..<5 {
            store = FactStore()
            let sink = Sink()
            var merge = PartialMerge()
            let start = DispatchTime.now().uptimeNanoseconds
            for (index, bytes) in contents.enumerated() {
                try! merge.add(MemorySource(bytes), name: partials[index], observer: sink, store: &store)
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        var metrics = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            _ = AnalyticsResult(store: store)
            metrics = min(metrics, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        let bytes = contents.map(\.count).reduce(0, +)
        print(
            String(
                format: "merge: reading %d partials (%.1f MB) %.1f ms, the metrics %.1f ms", partials.count,
                Double(bytes) / 1e6, best, metrics))
    }
}
