import Foundation
import HelpScoutArchive
import HelpScoutArchiveSamples
import TestSupport

/// Builds test inputs in code: signed deliveries, gzip streams, archive files.
enum Fixtures {
    static let secret = "test-secret"

    /// The repository's root.
    static let repositoryRoot = TestSupport.repositoryRoot

    /// A minimal v2 conversation body.
    static func conversation(
        id: Int64 = 42, status: String = "active", at time: String = "2026-10-05T10:00:00Z",
        extra: [(String, JSONValue)] = []
    ) -> JSONValue {
        .object(
            [
                ("id", .int(id)), ("status", .string(status)), ("createdAt", .string(time)),
                ("userUpdatedAt", .string(time)),
            ] + extra)
    }

    /// A signed delivery line of `body` for event `event`.
    static func signedLine(
        _ body: JSONValue, event: String? = "convo.created", secret: String = secret,
        id: String? = nil, receivedAt: String? = nil
    ) -> String {
        DeliveryLine.signed(body.serialized(), secret: secret, event: event, id: id, receivedAt: receivedAt)
            .serialized()
    }

    static func keyring(_ secrets: [String] = [secret]) -> SecretKeyring {
        try! SecretKeyring(secrets: secrets)
    }

    static func gzip(_ text: String) -> [UInt8] { GzipDeflater.compress(Array(text.utf8)) }

    static func write(_ bytes: [UInt8], to path: String) {
        try! FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Every line the reader yields from `bytes`, with 1-based numbers, blank lines left out.
    static func readLines(
        _ bytes: [UInt8], chunkSize: Int = .max, batchSize: Int = 1 << 20, maxLineLength: Int = 16 << 20,
        maxLinesPerBatch: Int = ArchiveReader.defaultMaxLinesPerBatch,
        inflater: @escaping () -> Inflater = Inflaters.fastest,
        batchLineCounts: ((Int) -> Void)? = nil
    ) -> (lines: [(Int, String)], error: ArchiveReadError?) {
        let reader = ArchiveReader(
            source: MemorySource(bytes, chunkSize: chunkSize), batchSize: batchSize,
            maxLineLength: maxLineLength, maxLinesPerBatch: maxLinesPerBatch, makeInflater: inflater)
        var lines: [(Int, String)] = []
        var lineNumber = 0
        do {
            while let batch = try reader.nextBatch() {
                batchLineCounts?(batch.forEachLine { _, _ in })
                let count = batch.forEachLine { index, line in
                    if !LineBatch.isBlank(line) {
                        lines.append((lineNumber + index + 1, String(decoding: line, as: UTF8.self)))
                    }
                }
                if let length = batch.oversizedLineLength {
                    lines.append((lineNumber + count, "<oversized \(length)>"))
                }
                lineNumber += count
            }
            return (lines, nil)
        } catch {
            return (lines, error)
        }
    }
}

/// Collects what a pipeline run reports, for assertions.
final class RecordingObserver: RunObserver {
    var events: [(ArchivePosition, DecodedEvent)] = []
    var findings: [Finding] = []
    var failures: [InputFailure] = []

    func record(event: DecodedEvent, at position: ArchivePosition) { events.append((position, event)) }
    func record(finding: Finding) { findings.append(finding) }
    func record(failure: InputFailure) { failures.append(failure) }
}
