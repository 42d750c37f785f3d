import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

/// Damaged and hostile archives through the binary: a clear message, the documented exit status, every
/// line accounted for, valid CSV.
@Suite struct HostileArchiveTests {
    let secret = "hostile-secret"

    /// Parses RFC 4180 CSV strictly; nil when it is not valid.
    static func parseCSV(_ text: String) -> [[String]]? {
        var rows: [[String]] = [], row: [String] = [], cell = ""
        var quoted = false, afterQuote = false
        var characters = Array(text.unicodeScalars)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        cell.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                    }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "," {
                row.append(cell)
                cell = ""
                afterQuote = false
            } else if c == "\n" {
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
                afterQuote = false
            } else if c == "\"" {
                guard cell.isEmpty && !afterQuote else { return nil }
                quoted = true
            } else {
                guard !afterQuote else { return nil }
                cell.unicodeScalars.append(c)
            }
        }
        return quoted || !cell.isEmpty || !row.isEmpty ? nil : rows
    }

    func line(_ index: Int) -> String {
        DeliveryLine.signed(
            "{\"id\":\(index),\"status\":\"active\",\"createdAt\":\"2026-10-05T10:00:00Z\"}",
            secret: secret, event: "convo.created"
        ).serialized()
    }

    @Test(.temporaryFolder) func hostileArchivesEndClearlyWithEveryLineCounted() throws {
        let folder = TemporaryFolder.path
        let archive = folder + "/archive"
        try FileManager.default.createDirectory(atPath: archive + "/loop", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: archive + "/loop/again", withDestinationPath: archive)
        // A 20 MB line between two good ones, gzip-compressed.
        let huge = "{\"headers\":{},\"body\":\"" + String(repeating: "A", count: 20 << 20) + "\"}"
        try Data(GzipDeflater.compress(Array((line(1) + "\n" + huge + "\n" + line(2) + "\n").utf8)))
            .write(to: URL(fileURLWithPath: archive + "/a-huge.jsonl.gz"))
        // Binary noise, with newlines, commas and quotes for the CSV to survive.
        var random = SampleRandom(seed: 5)
        try Data(
            (0..<50_000).map { _ in
                [0x0A, 0x2C, 0x22, 0x0D, 0x3D][random.int(0...4)]
                    ^ (random.chance(0.5) ? 0 : UInt8(truncatingIfNeeded: random.next()))
            }
        )
        .write(to: URL(fileURLWithPath: archive + "/b-noise.jsonl"))
        // A gzip stream corrupted in the middle.
        var corrupt = GzipDeflater.compress(Array((1...2000).map(line).joined(separator: "\n").utf8))
        for index in (corrupt.count / 2)..<(corrupt.count / 2 + 64) { corrupt[index] ^= 0xA5 }
        try Data(corrupt).write(to: URL(fileURLWithPath: archive + "/c-corrupt.jsonl.gz"))
        try Data().write(to: URL(fileURLWithPath: archive + "/d-empty.jsonl"))

        let out = folder + "/Reports"
        let result = try HSArchiveRunner.run(
            ["report", archive, "--out", out], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret])
        #expect(result.status == 2)
        #expect(result.errors.contains("c-corrupt.jsonl.gz:"))
        #expect(result.errors.contains("symbolic link loop"))
        #expect(result.errors.contains("b-noise.jsonl: every line is malformed"))

        let integrity = try #require(Self.parseCSV(try String(contentsOfFile: out + "/integrity.csv", encoding: .utf8)))
        let counts = Dictionary(uniqueKeysWithValues: integrity.dropFirst().map { ($0[0], Int($0[1])!) })
        #expect(counts["verified"]! >= 2)
        #expect(counts["malformed"]! > 100)
        #expect(counts.filter { $0.key != "total" }.values.reduce(0, +) == counts["total"])
        let audit = try #require(Self.parseCSV(try String(contentsOfFile: out + "/audit.csv", encoding: .utf8)))
        #expect(audit.allSatisfy { $0.count == 6 })
        #expect(audit.contains { $0[0].hasSuffix("a-huge.jsonl.gz") && $0[1] == "2" && $0[4] == "malformed" })
        #expect(
            audit.count - 1 == counts["malformed"]! + counts["undecodable"]! + counts["forged"]! + counts["unsigned"]!)
        for name in [
            "events.csv", "response_times.csv", "assignment_churn.csv", "agent_assignments.csv", "tags.csv", "csat.csv",
        ] {
            #expect(Self.parseCSV(try String(contentsOfFile: out + "/" + name, encoding: .utf8)) != nil, "\(name)")
        }

        let verify = try HSArchiveRunner.run(["verify", archive], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret])
        #expect(verify.status == 2)
        let events = try HSArchiveRunner.run(["events", archive], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret])
        #expect(events.status == 2)
        #expect(events.output.split(separator: "\n").count == counts["verified"]!)
    }
}
