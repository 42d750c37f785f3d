/// Renders `report.md`: what a support lead reads on a Monday, from the same numbers as the CSVs.
struct MarkdownReport {
    let summary: RunSummary
    let analytics: AnalyticsResult
    /// The first audited findings, forged ones kept preferentially.
    let findings: [Finding]

    init(summary: RunSummary, analytics: AnalyticsResult, audit: AuditExcerpt) {
        self.summary = summary
        self.analytics = analytics
        findings = audit.findings
    }

    private var inputNames: [String] { summary.inputNames }

    func render() -> String {
        [
            header(), headline(), integrity(), volume(), busiestHours(), responseTimes(), churn(), tags(),
            satisfaction(), audit(),
        ]
        .joined(separator: "\n")
    }

    private func header() -> String {
        var text = "# Help Scout webhook report\n\n"
        let zone = analytics.timeZone
        let window = analytics.window
        let events = analytics.firstEventTime.flatMap { first in analytics.lastEventTime.map { (first, $0) } }
        if let days = analytics.periodDays {
            let count = days.count
            text +=
                "**Period:** \(Timestamp.dayString(days.lowerBound)) to \(Timestamp.dayString(days.upperBound)) (\(count) day\(count == 1 ? "" : "s"), \(zone.identifier)"
            if window.isBounded {
                let from = window.start.map { "from \(zone.rfc3339($0))" } ?? "from the first event"
                let until = window.end.map { "until \(zone.rfc3339($0))" } ?? "to the last event"
                text += ": \(from) \(until))  \n"
            } else if let (first, last) = events {
                text += "; first event \(zone.rfc3339(first)), last \(zone.rfc3339(last)))  \n"
            }
        } else {
            text += "**Period:** no verified events\(window.isBounded ? " in the period asked for" : "")  \n"
        }
        if window.isBounded, let (first, last) = events {
            text +=
                "**Events read:** first \(zone.rfc3339(first)), last \(zone.rfc3339(last)); those outside the period are context only (a reply in it to an earlier message is measured)  \n"
        }
        text +=
            "**Read:** \(TextCharts.count(summary.total)) deliveries in \(summary.inputCount) archive\(summary.inputCount == 1 ? "" : "s")"
        text += ", \(TextCharts.count(summary.count(.verified))) verified events analysed"
        if window.isBounded {
            text += ", \(TextCharts.count(analytics.eventCounts.map(\.count).reduce(0, +))) of them in the period"
        }
        text += "\n"
        return text
    }

    private func integrity() -> String {
        var text = "## Integrity\n\n"
        let forged = summary.count(.forged), unsigned = summary.count(.unsigned)
        if forged + unsigned > 0 {
            text +=
                "> **\(forged) forged and \(unsigned) unsigned deliveries** were found; they are left out of every number below (see the audit at the end and `audit.csv`).\n\n"
        } else {
            text += "Every signed delivery verified: nothing forged or unsigned.\n\n"
        }
        if !summary.failures.isEmpty {
            text +=
                "> **\(summary.failures.count) archive\(summary.failures.count == 1 ? "" : "s") could not be read to the end**; the lines before the damage are counted:\n"
            for failure in summary.failures {
                text +=
                    ">\n> - \(inputNames[failure.input].escapedForMarkdown(limit: 120)) at line \(failure.lineReached): \(failure.error.message.escapedForMarkdown(limit: 120))\n"
            }
            text += "\n"
        }
        var table = MarkdownTable(["status", ">deliveries", ""])
        let largest = Double(DeliveryStatus.allCases.map(summary.count).max() ?? 0)
        for status in DeliveryStatus.allCases {
            let count = summary.count(status)
            table.add([status.rawValue, TextCharts.count(count), TextCharts.bar(Double(count), of: largest)])
        }
        table.add(["**total**", "**\(TextCharts.count(summary.total))**", ""])
        return text + table.render()
    }

    private func volume() -> String {
        var text = "## Volume\n\n"
        guard let period = analytics.periodDays else { return text + "No verified events.\n" }
        let (firstDay, lastDay) = (period.lowerBound, period.upperBound)
        var perDay: [Int: Int] = [:]
        var perType: [String: Int] = [:]
        for row in analytics.eventCounts {
            perDay[row.day, default: 0] += row.count
            perType[row.type.name, default: 0] += row.count
        }
        let days = Array(firstDay...lastDay)
        let dayCounts = days.map { perDay[$0, default: 0] }
        if days.count > 1 { text += "Events per day: `\(TextCharts.sparkline(dayCounts.map(Double.init)))`\n\n" }
        var table = MarkdownTable(["day", ">events", ""])
        let largest = Double(dayCounts.max() ?? 0)
        for (day, count) in zip(days, dayCounts) {
            table.add([
                Timestamp.dayString(day) + " " + Self.weekday(day), TextCharts.count(count),
                TextCharts.bar(Double(count), of: largest),
            ])
        }
        text += table.render() + "\n"
        var types = MarkdownTable(["event type", ">events"])
        for (type, count) in perType.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
            types.add([type.escapedForMarkdown(), TextCharts.count(count)])
        }
        return text + types.render()
    }

    /// The weekdays' short names, Monday first.
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mon` to `Sun`, for a day number.
    private static func weekday(_ day: Int) -> String { weekdayNames[Timestamp.weekday(ofDay: day)] }

    private func audit() -> String {
        var text = "## Audit\n\n"
        let audited = DeliveryStatus.allCases.filter(\.isAudited).map(summary.count).reduce(0, +)
        guard audited > 0 else { return text + "No forged, unsigned, malformed or undecodable lines.\n" }
        text += "\(TextCharts.count(audited)) line\(audited == 1 ? "" : "s") did not verify; "
        text +=
            findings.count < audited
            ? "the first \(findings.count) (forged ones first) are below, all are in `audit.csv`.\n\n"
            : "all are below and in `audit.csv`.\n\n"
        var table = MarkdownTable(["where", "status", "event", "reason"])
        let ordered = findings.filter { $0.status == .forged } + findings.filter { $0.status != .forged }
        for finding in ordered {
            let place = inputNames[finding.position.input].escapedForMarkdown(place: finding.position.line, limit: 70)
            table.add([
                place, finding.status == .forged ? "**forged**" : finding.status.rawValue,
                (finding.eventType ?? "").escapedForMarkdown(limit: 30), finding.reason.escapedForMarkdown(limit: 90),
            ])
        }
        return text + table.render()
    }
}
