/// Renders `report.md`: what a support lead reads on a Monday, from the same numbers as the CSVs.
package struct MarkdownReport {
    let summary: RunSummary
    let analytics: AnalyticsResult
    /// The first audited findings, forged ones kept preferentially, and all of them counted.
    let audit: AuditExcerpt

    package init(summary: RunSummary, analytics: AnalyticsResult, audit: AuditExcerpt) {
        self.summary = summary
        self.analytics = analytics
        self.audit = audit
    }

    private var inputNames: [String] { summary.inputNames }

    package func render() -> String {
        [
            header(), headline(), integrity(), volume(), busiestHours(), responseTimes(), churn(), tags(),
            satisfaction(), auditSection(),
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
                "**Period:** \(Timestamp.dayString(days.lowerBound)) to \(Timestamp.dayString(days.upperBound)) (\(TextCharts.count(count)) day\(count == 1 ? "" : "s"), \(zone.identifier)"
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
            "**Read:** \(TextCharts.count(summary.total)) deliveries in \(TextCharts.count(summary.inputCount)) archive\(summary.inputCount == 1 ? "" : "s")"
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
                "> **\(TextCharts.count(forged)) forged and \(TextCharts.count(unsigned)) unsigned deliveries** were found; they are left out of every number below (see the audit at the end and `audit.csv`).\n\n"
        } else {
            text += "Every signed delivery verified: nothing forged or unsigned.\n\n"
        }
        if !summary.failures.isEmpty {
            text +=
                "> **\(TextCharts.count(summary.failures.count)) archive\(summary.failures.count == 1 ? "" : "s") could not be read to the end**; the lines before the damage are counted:\n"
            for failure in summary.failures.prefix(Self.topRows) {
                text +=
                    ">\n> - \(inputNames[failure.input].escapedForMarkdown(limit: 120)) at line \(TextCharts.count(failure.lineReached)): \(failure.error.message.escapedForMarkdown(limit: 120))\n"
            }
            if summary.failures.count > Self.topRows {
                text +=
                    ">\n> …and \(TextCharts.count(summary.failures.count - Self.topRows)) more; each is in `summary.json` (`inputs`, with its error) and was named on standard error.\n"
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
        let points = analytics.series
        guard let granularity = points.first?.bucket.granularity, points.contains(where: { $0.events > 0 }) else {
            return text + "No verified events.\n"
        }
        let shown = Self.tableRows(points) { $0.events > 0 }
        let events = shown.map { Double($0.events) }
        if shown.count > 1 {
            text +=
                "Events per \(granularity.name): `\(TextCharts.sparkline(events))` "
                + "(\(TextCharts.count(Int(events.min()!))) to \(TextCharts.count(Int(events.max()!))))\n\n"
        }
        text += Self.chart("volume.svg", "Events, new conversations and customer messages per \(granularity.name)")
        text += Self.leftOut(points.count - shown.count, of: points.count, granularity, "without events")
        var table = MarkdownTable([granularity.name, ">events", ">new conversations", ">customer messages", ""])
        let largest = events.max() ?? 0
        for point in shown {
            table.add([
                Self.label(point), TextCharts.count(point.events), TextCharts.count(point.newConversations),
                TextCharts.count(point.customerMessages), TextCharts.bar(Double(point.events), of: largest),
            ])
        }
        text += table.render() + "\n"
        var perType: [String: Int] = [:]
        for row in analytics.eventCounts { perType[row.type.name, default: 0] += row.count }
        let types = perType.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) })
        var typeTable = MarkdownTable(["event type", ">events"])
        for (type, count) in types.prefix(Self.topRows) {
            typeTable.add([type.escapedForMarkdown(), TextCharts.count(count)])
        }
        text += typeTable.render()
        return text + Self.more(types.count - Self.topRows, "event types", in: ReportFiles.events)
    }

    /// A chart of the report's `charts` folder as an image (one line in a pager), then a blank line.
    static func chart(_ name: String, _ description: String) -> String {
        "![\(description)](\(ReportFiles.charts)/\(name))\n\n"
    }

    /// The most rows a table of agents, mailboxes, tags or event types shows; the CSV files have all.
    static let topRows = 15
    /// The most rows a time table shows.
    static let timeRows = 60

    /// The points a time table shows: all of them up to `timeRows`, else those `isShown` keeps (the
    /// ones with data), the latest `timeRows` of them.
    static func tableRows(_ points: [SeriesPoint], isShown: (SeriesPoint) -> Bool) -> [SeriesPoint] {
        guard points.count > timeRows else { return points }
        return Array(points.filter(isShown).suffix(timeRows))
    }

    /// A sentence for the buckets a time table leaves out, if any.
    static func leftOut(_ count: Int, of total: Int, _ granularity: Granularity, _ without: String) -> String {
        guard count > 0 else { return "" }
        return "\(TextCharts.count(count)) of the \(TextCharts.count(total)) \(granularity.name)s are not listed: "
            + "those \(without), then the earliest past \(timeRows) rows.\n\n"
    }

    /// "…and 12 more": the line under a table cut at `topRows`.
    static func more(_ count: Int, _ what: String, in file: String) -> String {
        count > 0 ? "\n…and \(TextCharts.count(count)) more \(what); all are in `\(file)`.\n" : ""
    }

    /// A bucket for people: `2026-10-05 Mon`, `2026-W41`, `2026-W44 (partial)`, `2026-10`.
    static func label(_ point: SeriesPoint) -> String {
        let bucket = point.bucket
        if bucket.granularity == .day { return bucket.label + " " + weekday(bucket.firstDay) }
        return bucket.label + (point.isPartial ? " (partial)" : "")
    }

    /// The weekdays' short names, Monday first.
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mon` to `Sun`, for a day number.
    static func weekday(_ day: Int) -> String { weekdayNames[Timestamp.weekday(ofDay: day)] }

    private func auditSection() -> String {
        var text = "## Audit\n\n"
        let audited = DeliveryStatus.allCases.filter(\.isAudited).map(summary.count).reduce(0, +)
        guard audited > 0 else { return text + "No forged, unsigned, malformed or undecodable lines.\n" }
        text += "\(TextCharts.count(audited)) line\(audited == 1 ? "" : "s") did not verify.\n\n"
        text += auditByDay() + "\n" + auditByReason() + "\n"
        let findings = audit.findings
        text +=
            findings.count < audited
            ? "The first \(AuditExcerpt.limit) in archive order, and forged ones after them up to \(AuditExcerpt.limit) forged: "
                + "\(findings.count) rows, forged first; all are in `audit.csv`:\n\n"
            : "Each of them (forged ones first), as in `audit.csv`:\n\n"
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

    private static let auditedStatuses = DeliveryStatus.allCases.filter(\.isAudited)

    /// The findings per day of their `receivedAt` (or week, month, year for a long span) and status.
    private func auditByDay() -> String {
        var perDay: [Int?: [DeliveryStatus: Int]] = [:]
        for (group, count) in audit.groups { perDay[group.day, default: [:]][group.status, default: 0] += count }
        let days = perDay.keys.compactMap { $0 }.sorted()
        let granularity = days.first.map { Granularity.fitting(days: days.last! - $0 + 1) } ?? .day
        var rows: [(label: String, counts: [DeliveryStatus: Int])] = []
        // A week, month or year that reaches past the report's days (else the findings') is partial.
        let covered = analytics.periodDays ?? days.first.map { $0...days.last! }
        for day in days {
            let bucket = CalendarBucket(granularity, holding: day)
            let partial = covered.map(bucket.reaches) ?? false
            let label =
                granularity == .day
                ? bucket.label + " " + Self.weekday(day) : bucket.label + (partial ? " (partial)" : "")
            if rows.last?.label != label { rows.append((label, [:])) }
            for (status, count) in perDay[day]! { rows[rows.count - 1].counts[status, default: 0] += count }
        }
        if let undated = perDay[nil] { rows.append(("no receivedAt", undated)) }
        // Half the time tables' rows: the audit comes after three of them.
        let limit = Self.timeRows / 2
        let shown = rows.count > limit ? Array(rows.suffix(limit)) : rows
        var table = MarkdownTable([granularity.name] + Self.auditedStatuses.map { ">" + $0.rawValue })
        for row in shown { table.add([row.label] + Self.auditedStatuses.map { TextCharts.count(row.counts[$0] ?? 0) }) }
        let note =
            shown.count < rows.count ? "the latest \(shown.count) of \(TextCharts.count(rows.count)); " : ""
        return "By \(granularity.name) of the delivery's `receivedAt` (\(note)\(analytics.timeZone.identifier)):\n\n"
            + table.render()
    }

    /// The findings per status and kind of reason (quoted values and numbers left out), most first.
    private func auditByReason() -> String {
        var perReason: [AuditExcerpt.Group: Int] = [:]
        for (group, count) in audit.groups {
            perReason[AuditExcerpt.Group(day: nil, status: group.status, reason: group.reason), default: 0] += count
        }
        let sorted = perReason.sorted {
            ($1.value, $0.key.status.rawValue, $0.key.reason) < ($0.value, $1.key.status.rawValue, $1.key.reason)
        }
        var table = MarkdownTable(["status", "reason", ">lines"])
        for (group, count) in sorted.prefix(Self.topRows) {
            table.add([group.status.rawValue, group.reason.escapedForMarkdown(limit: 90), TextCharts.count(count)])
        }
        return "By reason:\n\n" + table.render()
            + Self.more(sorted.count - Self.topRows, "reasons", in: ReportFiles.audit)
    }
}
