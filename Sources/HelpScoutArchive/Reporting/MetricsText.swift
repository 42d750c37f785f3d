/// Renders `--metrics-file`: a run's counts in the Prometheus text exposition format, for
/// node_exporter's textfile collector. Every sample carries the command as a label, so a `verify`
/// and a `report` can write files into the same collector without their series colliding.
///
/// Every value is the last run's, so every metric is a gauge: a counter would read each smaller
/// run as a reset. `hsarchive_lines_total` keeps the name monitoring was promised.
package enum MetricsText {
    /// The first line of every metrics file: what marks a file as one hsarchive may replace.
    package static let marker = "# Written by hsarchive after each run; the next run replaces it."

    package static func render(summary: RunSummary, run: RunDescription) -> String {
        let command = "command=\"\(run.command)\""
        var text = marker + "\n"
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(labels: String, value: String)]) {
            text += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
            for sample in samples { text += "\(name){\(command)\(sample.labels)} \(sample.value)\n" }
        }
        metric(
            "hsarchive_lines_total", "gauge", "Non-blank archive lines the last run read, by status.",
            DeliveryStatus.allCases.map { (",status=\"\($0.rawValue)\"", String(summary.count($0))) })
        metric(
            "hsarchive_last_run_inputs", "gauge", "Inputs of the last run, by whether they were read to their end.",
            [true, false].map { complete in
                (",complete=\"\(complete)\"", String(summary.inputs.filter { $0.isComplete == complete }.count))
            })
        metric(
            "hsarchive_last_run_read_bytes", "gauge", "Bytes the last run read from its inputs, as stored.",
            [("", String(summary.inputs.map(\.digest.bytes).reduce(0, +)))])
        metric(
            "hsarchive_last_run_key_signatures_matched", "gauge",
            "Signatures each configured secret matched in the last run, by key id (never the secret).",
            summary.keys.map { (",key_id=\"\($0.keyId)\"", String($0.signaturesMatched)) })
        metric(
            "hsarchive_last_run_success", "gauge", "1 when the last run exited with status 0, else 0.",
            [("", run.exitStatus == 0 ? "1" : "0")])
        metric(
            "hsarchive_last_run_exit_status", "gauge", "The exit status of the last run.",
            [("", String(run.exitStatus))])
        metric(
            "hsarchive_last_run_timestamp_seconds", "gauge", "When the last run finished, in seconds since 1970.",
            [("", decimal(Double(run.finishedAt.milliseconds) / 1000, places: 3))])
        metric(
            "hsarchive_last_run_duration_seconds", "gauge", "How long the last run took.",
            [("", decimal(run.durationSeconds, places: 3))])
        return text
    }
}
