import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

@testable import HelpScoutArchive

/// Hostile lines and damaged archives: each gets its status and reason, nothing crashes, every line
/// is accounted for.
@Suite struct HostileInputTests {
    let secret = Fixtures.secret

    func verdict(_ bytes: [UInt8]) -> LineVerdict {
        var processor = DeliveryProcessor(keyring: Fixtures.keyring())
        return bytes.withUnsafeBytes { processor.process(line: $0) }
    }

    func reason(_ verdict: LineVerdict) -> String {
        if case .rejected(_, let reason, _, _, _) = verdict { return reason }
        return ""
    }

    /// A delivery signed over `body`, the event header given.
    func signed(_ body: String, event: String? = "convo.created") -> [UInt8] {
        Array(DeliveryLine.signed(body, secret: secret, event: event).serialized().utf8)
    }

    /// A small conversation body's signature, and the body as a JSON string literal.
    var signedBody: (signature: String, escaped: String) {
        let body = "{\"id\":1,\"createdAt\":\"2026-10-05T10:00:00Z\"}"
        var escaped = ""
        JSONValue.writeString(body, to: &escaped)
        return (DeliveryLine.sign(Array(body.utf8), secret: secret), escaped)
    }

    /// Regression: delivery ids and event headers of unauthenticated lines reached `audit.csv`,
    /// `verify`'s output and report.md with raw ESC, line breaks and bidi overrides, so `cat
    /// audit.csv` could run terminal escape sequences and a reason could be shown reordered.
    @Test(.temporaryFolder) func valuesFromUnauthenticatedLinesReachNoOutputRaw() throws {
        let line =
            #"{"id":"\u001b[2J\u202eevil\nline\u009b","headers":{"X-HelpScout-Event":"convo.\u001b]0;pwned\u0007created"},"body":"{}"}"#
        let folder = TemporaryFolder.path
        Fixtures.write(Array((line + "\n").utf8), to: folder + "/x.jsonl")
        let observer = RecordingObserver()
        _ = ArchivePipeline(inputs: [.file(folder + "/x.jsonl")], keyring: Fixtures.keyring(), options: .init(jobs: 1))
            .run(observer: observer)
        let finding = try #require(observer.findings.first)
        #expect(finding.status == .unsigned)
        #expect(finding.deliveryId == "\\u001b[2J\\u202eevil\\nline\\u009b")
        #expect(finding.eventType == "convo.\\u001b]0;pwned\\u0007created")
        let row = CSVWriter.row([finding.deliveryId ?? "", finding.eventType ?? "", finding.reason])
        #expect(row.unicodeScalars.filter { $0.isHiddenOrControl } == ["\n"])
    }

    @Test func nestingOneHundredThousandLevelsDeepInTheLineOrTheBody() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let line = verdict(Array("{\"headers\":{},\"body\":\"{}\",\"x\":\(deep)}".utf8))
        #expect(line.status == .malformed && reason(line).contains("nests deeper than 64"))
        let body = verdict(signed("{\"id\":1,\"x\":\(deep)}"))
        #expect(body.status == .undecodable && reason(body).contains("nests deeper than 64"))
    }

    @Test func invalidUTF8AndNULBytes() {
        #expect(
            verdict(Array("{\"headers\":{},\"body\":\"a".utf8) + [0xF5, 0x80] + Array("\"}".utf8)).status == .malformed)
        #expect(verdict(Array("{\"headers\":{},\"body\":\"a".utf8) + [0] + Array("\"}".utf8)).status == .malformed)
        #expect(verdict([0, 0, 0, 0]).status == .malformed)
        // A NUL escaped inside the body is data: the body is still signed and decodes.
        #expect(
            verdict(signed("{\"id\":1,\"status\":\"a\\u0000b\",\"createdAt\":\"2026-10-05T10:00:00Z\"}")).status
                == .verified)
    }

    @Test func numbersWithAThousandDigits() {
        let huge = String(repeating: "9", count: 1000)
        #expect(verdict(signed("{\"id\":\(huge),\"createdAt\":\"2026-10-05T10:00:00Z\"}")).status == .undecodable)
        #expect(
            verdict(signed("{\"id\":1,\"n\":\(huge).5e-\(huge),\"createdAt\":\"2026-10-05T10:00:00Z\"}")).status
                == .verified)
    }

    @Test func duplicateKeysTakeTheLastValue() {
        let (signature, escaped) = signedBody
        let forgedFirst =
            "{\"headers\":{\"X-HelpScout-Event\":\"convo.created\",\"X-HelpScout-Signature\":\"\(signature)\",\"x-helpscout-signature\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAA=\"},\"body\":\(escaped)}"
        #expect(verdict(Array(forgedFirst.utf8)).status == .forged)
        let goodLast =
            "{\"headers\":{\"X-HelpScout-Event\":\"convo.created\",\"x-helpscout-signature\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAA=\",\"X-HelpScout-Signature\":\"\(signature)\"},\"body\":\"x\",\"body\":\(escaped)}"
        #expect(verdict(Array(goodLast.utf8)).status == .verified)
        #expect(verdict(signed("{\"id\":\"x\",\"id\":7,\"createdAt\":\"2026-10-05T10:00:00Z\"}")).status == .verified)
    }

    @Test func stringsWithEveryEscape() {
        let every = "\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0000 \\u001f \\u00e9 \\u20ac \\ud83d\\ude00 \\ud800"
        #expect(
            verdict(signed("{\"id\":1,\"subject\":\"\(every)\",\"createdAt\":\"2026-10-05T10:00:00Z\"}")).status
                == .verified)
        #expect(verdict(Array("{\"headers\":{\"a\":\"\(every)\"},\"body\":\"{}\"}".utf8)).status == .unsigned)
    }

    @Test func headersGivenAsArraysAndATenMegabyteSignature() {
        let (signature, escaped) = signedBody
        let arrays =
            "{\"headers\":{\"X-HelpScout-Event\":[\"convo.created\"],\"X-HelpScout-Signature\":[\"\(signature)\",\"other\"]},\"body\":\(escaped)}"
        #expect(verdict(Array(arrays.utf8)).status == .verified)
        let huge =
            "{\"headers\":{\"X-HelpScout-Signature\":\"\(String(repeating: "QUJD", count: 2_500_000))\"},\"body\":\(escaped)}"
        let result = verdict(Array(huge.utf8))
        #expect(result.status == .forged && reason(result).contains("20-byte"))
        #expect(
            verdict(Array("{\"headers\":{\"X-HelpScout-Signature\":{\"a\":1}},\"body\":\"{}\"}".utf8)).status == .forged
        )
    }

    @Test(.temporaryFolder) func binaryNoiseEmptyFilesAndOverlongLinesAreAllAccountedFor() throws {
        let folder = TemporaryFolder.path
        var random = SampleRandom(seed: 99)
        var noise = (0..<200_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        noise[0] = 0x7B  // not gzip magic
        let newlines = noise.filter { $0 == 0x0A }.count
        Fixtures.write(noise, to: folder + "/noise.jsonl")
        Fixtures.write([], to: folder + "/empty.jsonl")
        let long = Array(("{\"headers\":{},\"body\":\"" + String(repeating: "x", count: 3 << 20) + "\"}\n").utf8)
        Fixtures.write(
            Fixtures.gzip(Fixtures.signedLine(Fixtures.conversation()) + "\n")
                + GzipDeflater.compress(long + Array("{}\n".utf8)),
            to: folder + "/long.jsonl.gz")
        let observer = RecordingObserver()
        let summary = ArchivePipeline(
            inputs: InputDiscovery.archives(for: [folder]), keyring: Fixtures.keyring(),
            options: .init(jobs: 2, batchSize: 64 << 10, maxLineLength: 1 << 20)
        ).run(observer: observer)
        #expect(summary.failures.isEmpty)
        let noiseLines = observer.findings.filter { $0.position.input == 2 }
        #expect(noiseLines.allSatisfy { $0.status == .malformed })
        #expect(noiseLines.count >= newlines / 2 && noiseLines.count <= newlines + 1)
        let longLines = observer.findings.filter { $0.position.input == 1 }
        #expect(longLines.map(\.position.line) == [2, 3])
        #expect(longLines[0].reason.contains("over the") && longLines[0].reason.contains("limit"))
        #expect(summary.count(.verified) == 1)
        #expect(summary.total == summary.count(.verified) + observer.findings.count)
    }

    @Test(.temporaryFolder) func aFIFOInADirectoryIsReportedNotOpened() throws {
        let folder = TemporaryFolder.path
        #expect(mkfifo(folder + "/pipe.jsonl", 0o600) == 0)
        let inputs = InputDiscovery.archives(for: [folder])
        #expect(inputs.count == 1)
        guard case .unreadable(let reason) = inputs[0].source else {
            Issue.record("FIFO would be opened")
            return
        }
        #expect(reason.contains("not a regular file"))
    }

    @Test(.temporaryFolder) func aHostileDeliveryIdIsCappedInTheAudit() {
        let id = String(repeating: "i", count: 100_000)
        let line = "{\"id\":\"\(id)\",\"headers\":{},\"body\":\"{}\"}"
        let folder = TemporaryFolder.path
        Fixtures.write(Array(line.utf8), to: folder + "/x.jsonl")
        let observer = RecordingObserver()
        _ = ArchivePipeline(inputs: [.file(folder + "/x.jsonl")], keyring: Fixtures.keyring(), options: .init(jobs: 1))
            .run(observer: observer)
        #expect(observer.findings.first?.deliveryId?.count == Finding.maxFieldLength + 1)
    }
}
