import Foundation
import HelpScoutArchiveSamples
import TestSupport

@testable import HelpScoutArchive

/// What a report folder is made of, gathered from a run or a merge: the summary, every finding in
/// order, and every file rendered from them, all as bytes (Swift's `==` on strings would call two
/// spellings of é equal).
struct RenderedReport: Equatable {
    var summary: RunSummary
    var inputNames: [String]
    var findings: [Finding]
    var failures: [InputFailure]
    var files: [String: [UInt8]]
}

extension RenderedReport {
    /// What differs from `other`, in words (a failed comparison of the bytes themselves would
    /// print megabytes).
    func differences(from other: RenderedReport) -> [String] {
        var found: [String] = []
        if summary != other.summary { found.append("summary: \(summary) against \(other.summary)") }
        if inputNames != other.inputNames { found.append("input names") }
        if findings != other.findings { found.append("findings") }
        if failures != other.failures { found.append("failures") }
        for name in Set(files.keys).union(other.files.keys).sorted() where files[name] != other.files[name] {
            found.append("file \(name)")
        }
        return found
    }

    /// The names of the files that hold `text`'s bytes.
    func files(holding text: String) -> [String] {
        files.filter { $0.value.firstRange(of: Array(text.utf8)) != nil }.map(\.key).sorted()
    }
}

/// An observer that keeps what `ReportRun` keeps, in memory.
final class ReportObserver: RunObserver {
    var store: FactStore
    var excerpt: AuditExcerpt
    var findings: [Finding] = []
    var failures: [InputFailure] = []
    var names: [String] = []

    init(zone: ReportTimeZone = .utc, window: ReportWindow = .unbounded) {
        store = FactStore(timeZone: zone, officeHours: try? OfficeHours(parsing: "Mon-Fri 09:00-17:00"), window: window)
        excerpt = AuditExcerpt(timeZone: zone)
    }

    func record(event: DecodedEvent, at position: ArchivePosition) { store.record(event) }
    func record(finding: Finding) {
        findings.append(finding)
        excerpt.add(finding)
    }
    func record(failure: InputFailure) { failures.append(failure) }
    func named(inputs: [String]) { names += inputs }
    var conversationCount: Int? { store.conversationCount }

    func rendered(_ summary: RunSummary) -> RenderedReport {
        var files: [String: [UInt8]] = [:]
        for file in ReportRendering.files(summary: summary, analytics: AnalyticsResult(store: store), audit: excerpt) {
            files[file.name] = Array(file.text.utf8)
        }
        return RenderedReport(
            summary: summary, inputNames: names, findings: findings, failures: failures, files: files)
    }
}

/// Runs, partials and merges over archive files.
enum PartialRuns {
    /// One run over `inputs`, as `report` makes it.
    static func report(_ inputs: [ArchiveInput], keyring: SecretKeyring, jobs: Int) -> RenderedReport {
        let observer = ReportObserver()
        observer.names = inputs.map(\.name)
        let summary = ArchivePipeline(inputs: inputs, keyring: keyring, options: .init(jobs: jobs)).run(
            observer: observer)
        return observer.rendered(summary)
    }

    /// The partial of `inputs`, as `partial` writes it.
    static func partial(_ inputs: [ArchiveInput], keyring: SecretKeyring, jobs: Int, in folder: String) throws
        -> [UInt8]
    {
        let path = folder + "/partial-\(UUID().uuidString)"
        let file = try OutputFile(creating: RawPath(path), name: path)
        let recorder = PartialRecorder(
            writer: try PartialFileWriter(file: file), version: "test", keyIds: keyring.keyIds, inputs: inputs)
        let summary = ArchivePipeline(inputs: inputs, keyring: keyring, options: .init(jobs: jobs)).run(
            observer: recorder)
        try recorder.finish(summary: summary)
        try file.close()
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The merge of `partials`, in order: read block by block as it goes, or, `readingAhead`, as
    /// `merge` reads them (`PartialPrefetch`, which reads blocks of conversation records ahead).
    static func merge(_ partials: [[UInt8]], readingAhead: Bool = false) throws(PartialFileError) -> (
        RenderedReport, [MergedPartial]
    ) {
        let observer = ReportObserver()
        var merge = PartialMerge()
        if readingAhead {
            let prefetch = PartialPrefetch(count: partials.count) { MemorySource(partials[$0], chunkSize: 4096) }
            defer { prefetch.cancel() }
            for index in partials.indices {
                try merge.add(
                    blocks: prefetch.blocks(of: index), name: "p\(index)", observer: observer, store: &observer.store)
            }
        }
        for (index, bytes) in partials.enumerated() where !readingAhead {
            try merge.add(
                MemorySource(bytes, chunkSize: 4096), name: "p\(index)", observer: observer, store: &observer.store)
        }
        var summary = merge.summary
        summary.conversationCount = observer.conversationCount
        return (observer.rendered(summary), merge.sources)
    }
}
