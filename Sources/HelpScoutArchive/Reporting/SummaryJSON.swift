/// Renders `summary.json` (and `--summary-json FILE`): a run's counts and record as one JSON
/// object, for scripts and auditors. README.md's "summary.json" section documents each field;
/// `schemaVersion` changes only when a field changes meaning or is removed.
package enum SummaryJSON {
    package static let schemaVersion = 1
    /// Written near the start of every summary: what marks a file as one hsarchive may replace.
    package static let marker = "\"tool\": \"hsarchive\""

    package static func render(summary: RunSummary, run: RunDescription) -> String {
        var fields: [(String, String)] = [
            ("schema_version", String(schemaVersion)),
            ("tool", "hsarchive".jsonQuoted),
            ("version", run.version.jsonQuoted),
            ("command", run.command.jsonQuoted),
            ("started_at", run.startedAt.rfc3339.jsonQuoted),
            ("finished_at", run.finishedAt.rfc3339.jsonQuoted),
            ("duration_seconds", decimal(run.durationSeconds, places: 3)),
            ("exit_status", String(run.exitStatus)),
            ("stopped", run.stopped.jsonQuotedOrNull),
            ("options", object(run.options.map { ($0.name, json($0.value)) }, indent: 1)),
        ]
        let inputs = summary.inputs.map { input in
            object(
                [
                    ("path", input.path.jsonQuoted),
                    ("sha256", input.digest.sha256.jsonQuotedOrNull),
                    ("bytes", String(input.digest.bytes)),
                    ("lines", String(input.lines)),
                    ("complete", String(input.isComplete)),
                    ("error", input.error.map(\.message).jsonQuotedOrNull),
                ], indent: 2)
        }
        if run.command == "merge" {
            let partials = run.partials.map { partial in
                object(
                    [
                        ("path", partial.name.jsonQuoted), ("version", partial.version.jsonQuoted),
                        ("key_ids", "[" + partial.keyIds.map(\.jsonQuoted).joined(separator: ", ") + "]"),
                        ("inputs", String(partial.inputCount)),
                        ("signatures_matched", String(partial.signaturesMatched)),
                        ("signatures_mismatched", String(partial.signaturesMismatched)),
                    ], indent: 2)
            }
            fields.append(("partials", array(partials, indent: 1)))
        }
        fields.append(("inputs", array(inputs, indent: 1)))
        fields.append(
            (
                "statuses",
                object(
                    DeliveryStatus.allCases.map { ($0.rawValue, String(summary.count($0))) }
                        + [("total", String(summary.total))], indent: 1)
            ))
        let keys = summary.keys.map { key in
            object(
                [("key_id", key.keyId.jsonQuoted), ("signatures_matched", String(key.signaturesMatched))], indent: 2)
        }
        fields.append(("keys", array(keys, indent: 1)))
        fields.append(("verified_events", String(summary.count(.verified))))
        fields.append(("conversations", summary.conversationCount.map(String.init) ?? "null"))
        fields.append(("first_event_at", summary.firstEventTime.map(\.rfc3339).jsonQuotedOrNull))
        fields.append(("last_event_at", summary.lastEventTime.map(\.rfc3339).jsonQuotedOrNull))
        return object(fields, indent: 0) + "\n"
    }

    private static func json(_ value: RunDescription.OptionValue) -> String {
        switch value {
        case .text(let text): return text.jsonQuotedOrNull
        case .number(let number): return String(number)
        case .flag(let flag): return String(flag)
        case .list(let items): return "[" + items.map(\.jsonQuoted).joined(separator: ", ") + "]"
        }
    }

    /// `{` and `}` around one `"name": value` per line, two spaces deeper than `indent` levels.
    private static func object(_ fields: [(String, String)], indent: Int) -> String {
        guard !fields.isEmpty else { return "{}" }
        let inner = String(repeating: "  ", count: indent + 1)
        let lines = fields.map { inner + $0.0.jsonQuoted + ": " + $0.1 }
        return "{\n" + lines.joined(separator: ",\n") + "\n" + String(repeating: "  ", count: indent) + "}"
    }

    private static func array(_ items: [String], indent: Int) -> String {
        guard !items.isEmpty else { return "[]" }
        let inner = String(repeating: "  ", count: indent + 1)
        return "[\n" + items.map { inner + $0 }.joined(separator: ",\n") + "\n" + String(repeating: "  ", count: indent)
            + "]"
    }
}
