/// Renders `integrity.csv`: the six statuses in their order (`DeliveryStatus.allCases`), then `total`.
package enum IntegrityCSV {
    package static func render(_ summary: RunSummary) -> String {
        var csv = CSVWriter(header: ["status", "count"])
        for status in DeliveryStatus.allCases {
            csv.writeRow([status.rawValue, String(summary.count(status))])
        }
        csv.writeRow(["total", String(summary.total)])
        return csv.text
    }
}
