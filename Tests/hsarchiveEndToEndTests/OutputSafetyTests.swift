import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

/// No byte from an archive or a file name reaches a person's screen unescaped, and every message
/// is written for a person.
@Suite struct OutputSafetyTests {
    let secret = "output-secret"
    var environment: [String: String] { ["HELPSCOUT_WEBHOOK_SECRET": secret] }
    let manager = FileManager.default

    /// Scalars that would act on a terminal or reorder text instead of being shown.
    static func hidden(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter { scalar in
            let value = scalar.value
            if scalar == "\n" { return false }
            return value < 0x20 || (0x7F..<0xA0).contains(value) || scalar.properties.generalCategory == .format
                || value == 0x2028 || value == 0x2029
        }
    }

    /// Markdown text as a reader sees it: a backslash before punctuation dropped.
    static func shownByMarkdown(_ text: String) -> String {
        var shown = "", escaped = false
        for character in text {
            if !escaped && character == "\\" {
                escaped = true
                continue
            }
            if escaped && !(character.isASCII && character.isPunctuation || character.isSymbol && character.isASCII) {
                shown.append("\\")
            }
            escaped = false
            shown.append(character)
        }
        return shown
    }

    /// Regression: a file name that is not UTF-8 could not be opened ("No such file"), and a name
    /// with a newline or an escape sequence was printed raw, so it could forge `verify` lines.
    @Test(.temporaryFolder) func fileNamesAreOpenedByTheirBytesAndShownEscaped() throws {
        // The archives in a folder of their own, the report beside it (its lock file beside that).
        let root = TemporaryFolder.path + "/archives", out = TemporaryFolder.path + "/Reports"
        try manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        let forged = DeliveryLine.signed(
            "{\"id\":1,\"createdAt\":\"2026-10-05T10:00:00Z\"}", secret: "wrong", event: "convo.created"
        ).serialized()
        try (forged + "\n").write(toFile: root + "/forged.jsonl", atomically: true, encoding: .utf8)
        let script = """
            cp forged.jsonl "$(printf 'caf\\351.jsonl')"
            cp forged.jsonl "$(printf 'evil\\nfake.jsonl:1: verified: fine\\033[2J.jsonl')"
            cp \(archive) "$(printf 'names\\351.jsonl.gz')"
            "$HSARCHIVE" verify "$(printf 'caf\\351.jsonl')" "$(printf 'evil\\nfake.jsonl:1: verified: fine\\033[2J.jsonl')" "$(printf 'names\\351.jsonl.gz')"
            echo "status $?"
            """
        let result = try HSArchiveRunner.shell(script, environment: environment, directory: root)
        #expect(
            result.output == """
                caf\\xe9.jsonl:1: forged: signature does not match the body with any configured secret
                evil\\nfake.jsonl:1: verified: fine\\u001b[2J.jsonl:1: forged: signature does not match the body with any configured secret
                7 lines in 3 inputs: 5 verified, 0 duplicate, 2 forged, 0 unsigned, 0 malformed, 0 undecodable
                status 1

                """)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let report = try HSArchiveRunner.run(["report", root, "--out", root + "/../Reports"], environment: environment)
        for name in ["audit.csv", "report.md"] {
            let text = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            // (report.md cuts long places short, before the escape sequence here.)
            let shown = name == "report.md" ? Self.shownByMarkdown(text) : text
            #expect(
                shown.contains("caf\\xe9.jsonl") && (name == "report.md" || shown.contains("\\u001b[2J")), "\(name)")
            #expect(Self.hidden(text).isEmpty, "\(name): \(Self.hidden(text))")
        }
        #expect(report.status == 0, "\(report.errors)")
    }

    /// `events` JSON names a file exactly (JSON's escapes keep it safe), so it can be opened
    /// again; CSV shows the display-safe name.
    @Test(.temporaryFolder) func eventsNameFilesExactlyInJSON() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret, count: 1)
        let name = root + "/esc\u{1B}[31m\\red.jsonl.gz"
        try manager.moveItem(atPath: archive, toPath: name)
        let json = try HSArchiveRunner.run(["events", name], environment: environment)
        #expect(Self.hidden(json.output).isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(object?["file"] as? String == name)
        let csv = try HSArchiveRunner.run(["events", name, "--format", "csv"], environment: environment)
        #expect(csv.output.contains("esc\\u001b[31m\\\\red.jsonl.gz,1\n"))
    }

    /// Regression: header values and delivery ids of unauthenticated lines reached `verify`'s
    /// output, `audit.csv` and report.md with raw ESC, newlines and bidi overrides.
    @Test(.temporaryFolder) func valuesFromUnauthenticatedLinesAreEscapedInEveryOutput() throws {
        let root = TemporaryFolder.path
        let lines = [
            #"{"id":"\u001b]0;owned\u0007\u001b[2J","headers":{"X-HelpScout-Event":"convo.created\u202e\u200b"},"body":"{}"}"#,
            #"{"id":"x\ny: forged: fake","headers":{"X-HelpScout-Signature":"AAAA","X-HelpScout-Event":"a\u009bb"},"body":"{}"}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: root + "/hostile.jsonl", atomically: true, encoding: .utf8)
        let verify = try HSArchiveRunner.run(["verify", root + "/hostile.jsonl"], environment: environment)
        #expect(verify.output.split(separator: "\n").count == 3)
        #expect(Self.hidden(verify.output).isEmpty && Self.hidden(verify.errors).isEmpty)
        _ = try HSArchiveRunner.run(
            ["report", root + "/hostile.jsonl", "--out", root + "/Reports"], environment: environment)
        for name in ["audit.csv", "report.md"] {
            let text = try String(contentsOfFile: root + "/Reports/" + name, encoding: .utf8)
            #expect(Self.hidden(text).isEmpty, "\(name): \(Self.hidden(text))")
            let shown = name == "report.md" ? Self.shownByMarkdown(text) : text
            #expect(shown.contains("convo.created\\u202e\\u200b"), "\(name)")
        }
        let audit = try String(contentsOfFile: root + "/Reports/audit.csv", encoding: .utf8)
        #expect(audit.split(separator: "\n").count == 3, "every audited line is one physical line")
        #expect(audit.contains("\\u001b]0;owned\\u0007\\u001b[2J") && audit.contains("x\\ny: forged: fake"))
    }

    /// Regression: messages showed Swift values (`failed(path: "…", reason: "…")`,
    /// `NSCocoaErrorDomain error 512`, "The operation could not be completed").
    @Test(.temporaryFolder) func everyErrorNamesTheThingAndSaysWhatToDo() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret)
        try "x".write(toFile: root + "/file", atomically: true, encoding: .utf8)
        let failures = [
            try HSArchiveRunner.run(["report", archive, "--out", root + "/file/Reports"], environment: environment),
            try HSArchiveRunner.run(["report", archive, "--out", root + "/file"], environment: environment),
            try HSArchiveRunner.run(["report", archive, "--out", "/proc/1/Reports"], environment: environment),
            try HSArchiveRunner.run(["verify", archive, "--secret-file", root + "/missing"]),
            try HSArchiveRunner.run(["verify", root + "/nothing.jsonl"], environment: environment),
            try HSArchiveRunner.shell(
                "ulimit -f 0; exec \"$HSARCHIVE\" report \(archive) --out \(root)/R", environment: environment),
        ]
        for result in failures {
            #expect(result.status == 2, "\(result.errors)")
            for raw in ["failed(", "path:", "Domain", "could not be completed", "Error(", "reason:"] {
                #expect(!result.errors.contains(raw), "\(result.errors)")
            }
            #expect(result.errors.contains(root) || result.errors.contains("/proc/1/Reports"), "\(result.errors)")
        }
    }

    /// The secret must never be written to disk in a core dump: the process sets RLIMIT_CORE to 0
    /// and PR_SET_DUMPABLE off (only the first can be seen from outside), whatever limit it was
    /// started with.
    @Test func theProcessCannotDumpCore() throws {
        let running = try HSArchiveRunner.Running(
            ["-c", "ulimit -c unlimited && exec \"$HSARCHIVE\" verify -"],
            environment: environment.merging(["HSARCHIVE": HSArchiveRunner.binary]) { $1 },
            executable: "/bin/sh")
        defer { _ = try? running.finish() }
        let pid = running.process.processIdentifier
        var coreLimit: [Substring] = []
        for _ in 0..<500 {
            usleep(10_000)
            let command = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            let limits = (try? String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)) ?? ""
            coreLimit =
                limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }?.split(separator: " ") ?? []
            // Once hsarchive runs, give it a moment to set its limit.
            if command.hasPrefix("hsarchive") && coreLimit.contains("0") { break }
        }
        #expect(Array(coreLimit.dropFirst(4).prefix(2)) == ["0", "0"], "\(coreLimit)")
    }
}
