/// The metric sections of `report.md`.
extension MarkdownReport {
    /// A heat map of the week: one line per weekday, one character per hour of the time zone, darker
    /// for more customer messages (`busiest_hours.csv` has the counts).
    func busiestHours() -> String {
        var text = "## Busiest hours\n\n"
        let hours = analytics.busiestHours
        let largest = hours.map(\.customerMessages).max() ?? 0
        guard hours.count == 168, largest > 0 else { return text + "No customer messages.\n" }
        let shades: [Character] = ["·", "░", "▒", "▓", "█"]
        text +=
            "Customer messages by weekday and hour (\(analytics.timeZone.identifier)); darker is busier, "
            + "the darkest \(TextCharts.count(largest)) in an hour.\n\n```\n"
        var ticks = [Character](repeating: " ", count: 24)
        for hour in stride(from: 0, to: 24, by: 3) {
            for (offset, digit) in String(hour).enumerated() { ticks[hour + offset] = digit }
        }
        // Only trailing spaces go: the ticks line up with the hours below the weekday names.
        var tickLine = "     " + String(ticks)
        while tickLine.hasSuffix(" ") { tickLine.removeLast() }
        text += tickLine + "\n"
        for weekday in 0..<7 {
            let row = hours[(weekday * 24)..<(weekday * 24 + 24)].map { hour -> Character in
                guard hour.customerMessages > 0 else { return shades[0] }
                return shades[min(4, max(1, (hour.customerMessages * 4 + largest - 1) / largest))]
            }
            text += Self.weekdayNames[weekday] + "  " + String(row) + "\n"
        }
        let busiest = hours.max {
            ($0.customerMessages, -$0.weekday * 24 - $0.hour) < ($1.customerMessages, -$1.weekday * 24 - $1.hour)
        }!
        let newest = hours.max {
            ($0.newConversations, -$0.weekday * 24 - $0.hour) < ($1.newConversations, -$1.weekday * 24 - $1.hour)
        }!
        return text
            + "```\n\n" + Self.chart("busiest_hours.svg", "Customer messages by weekday and hour")
            + "Most customer messages: \(Self.weekdayNames[busiest.weekday]) \(Timestamp.pad(busiest.hour, 2)):00 (\(TextCharts.count(busiest.customerMessages))); most new conversations: \(Self.weekdayNames[newest.weekday]) \(Timestamp.pad(newest.hour, 2)):00 (\(TextCharts.count(newest.newConversations))).\n"
    }

    func responseTimes() -> String {
        var text = "## Response times\n\n"
        let allRows = analytics.responseTimes
        func rows(_ metric: ResponseMetric, _ scope: MetricKey.Scope) -> [ResponseTimeRow] {
            allRows.filter { $0.metric == metric && $0.key.scope == scope }
        }
        guard !allRows.isEmpty else { return text + "No replies to waiting customers.\n" }
        var overall = MarkdownTable(["measure", ">count", ">mean", ">median", ">p90", ">p95", ">max"])
        let names: [(ResponseMetric, String)] = [
            (.response, "response (every reply to a waiting customer)"), (.firstResponse, "first response"),
            (.resolution, "resolution (created to closed after a reply)"),
            (.responseOffice, "response, office time"), (.firstResponseOffice, "first response, office time"),
            (.resolutionOffice, "resolution, office time"),
        ]
        if let office = analytics.officeHours {
            let holidays = office.holidays.count
            text +=
                "Office hours: \(office.schedule.escapedForMarkdown(limit: 120)) in \(analytics.timeZone.identifier)"
                + (holidays > 0 ? ", \(holidays) holiday\(holidays == 1 ? "" : "s") without them" : "")
                + "; the office-time rows count only the time inside them.\n\n"
        }
        for (metric, name) in names {
            guard let row = rows(metric, .all).first else { continue }
            let s = row.summary
            overall.add(
                [name, TextCharts.count(s.count)] + [s.mean, s.p50, s.p90, s.p95, s.max].map(TextCharts.duration))
        }
        text += overall.render() + "\n"
        text += Self.chart("response_times.svg", "Response and first response times over the period")
        text += Self.chart("response_buckets.svg", "How long customers waited, in buckets").dropLast()

        text += "\n### By mailbox\n\n"
        var mailboxes = MarkdownTable([
            "mailbox", ">responses", ">median", ">first responses", ">median first", ">p90 first",
            ">resolved", ">median resolution", ">p90 resolution",
        ])
        var volume: [MetricKey: Int] = [:]
        for row in allRows where row.key.scope == .mailbox && !row.metric.rawValue.hasSuffix("_office") {
            volume[row.key, default: 0] += row.summary.count
        }
        let keys = Self.top(volume.keys.sorted(by: MetricKey.precedes)) { volume[$0]! }
        for key in keys {
            let response = rows(.response, .mailbox).first { $0.key == key }?.summary
            let first = rows(.firstResponse, .mailbox).first { $0.key == key }?.summary
            let resolution = rows(.resolution, .mailbox).first { $0.key == key }?.summary
            mailboxes.add([
                label(key), response.map { TextCharts.count($0.count) } ?? "0",
                response.map { TextCharts.duration($0.p50) } ?? "–",
                first.map { TextCharts.count($0.count) } ?? "0", first.map { TextCharts.duration($0.p50) } ?? "–",
                first.map { TextCharts.duration($0.p90) } ?? "–",
                resolution.map { TextCharts.count($0.count) } ?? "0",
                resolution.map { TextCharts.duration($0.p50) } ?? "–",
                resolution.map { TextCharts.duration($0.p90) } ?? "–",
            ])
        }
        text += mailboxes.render() + Self.more(volume.count - keys.count, "mailboxes", in: ReportFiles.responseTimes)

        text += "\n### By agent\n\nMedian time to reply to a waiting customer; shorter is better.\n\n"
        var agents = MarkdownTable(["agent", ">responses", ">median", ">p90", "median"])
        let allAgents = rows(.response, .agent)
        // Fastest first: the rows sort by the median their bars show (ties in id order).
        let agentRows = Self.top(allAgents) { $0.summary.count }.enumerated()
            .sorted { ($0.element.summary.p50, $0.offset) < ($1.element.summary.p50, $1.offset) }.map(\.element)
        let slowest = agentRows.map(\.summary.p50).max() ?? 0
        for row in agentRows {
            agents.add([
                label(row.key), TextCharts.count(row.summary.count), TextCharts.duration(row.summary.p50),
                TextCharts.duration(row.summary.p90), TextCharts.bar(row.summary.p50, of: slowest),
            ])
        }
        text += agents.render() + Self.more(allAgents.count - agentRows.count, "agents", in: ReportFiles.responseTimes)

        let measured = Self.tableRows(analytics.series) { $0.response != nil }.filter { $0.response != nil }
        if measured.count > 1, let granularity = measured.first?.bucket.granularity {
            let medians = measured.map { $0.response!.p50 }
            text +=
                "\nMedian response by \(granularity.name) (\(measured.first!.bucket.label) to \(measured.last!.bucket.label)): "
                + "`\(TextCharts.sparkline(medians))` "
                + "(\(TextCharts.duration(medians.min()!)) to \(TextCharts.duration(medians.max()!)))\n"
        }
        return text
    }

    /// The `topRows` items with the largest `size`, the largest first (ties in their given order);
    /// all of them, in their order, when there are no more.
    static func top<Item>(_ items: [Item], by size: (Item) -> Int) -> [Item] {
        guard items.count > topRows else { return items }
        return items.enumerated().sorted { (size($1.element), $0.offset) < (size($0.element), $1.offset) }
            .prefix(topRows).map(\.element)
    }

    func churn() -> String {
        var text = "## Assignment churn\n\n"
        let conversations = analytics.churn.conversations
        guard !conversations.isEmpty else { return text + "No assignments.\n" }
        let reassigned = conversations.filter { $0.reassignments > 0 }.count
        text +=
            "\(TextCharts.count(conversations.count)) conversations were assigned; \(TextCharts.count(reassigned)) of them "
        text +=
            "(\(TextCharts.percent(100 * Double(reassigned) / Double(conversations.count)))) changed hands at least once.\n\n"
        var histogram = MarkdownTable(["reassignments", ">conversations", ""])
        var buckets = [Int](repeating: 0, count: 5)
        for row in conversations { buckets[min(row.reassignments, 4)] += 1 }
        let largest = Double(buckets.max()!)
        for (index, count) in buckets.enumerated() {
            histogram.add([
                index == 4 ? "4 or more" : String(index), TextCharts.count(count),
                TextCharts.bar(Double(count), of: largest),
            ])
        }
        text +=
            histogram.render() + "\n"
            + Self.chart("reassignments.svg", "Conversations by number of reassignments").dropLast()

        let most = conversations.filter { $0.reassignments > 0 }
            .sorted {
                ($1.reassignments, $1.bounces, $0.conversation) < ($0.reassignments, $0.bounces, $1.conversation)
            }.prefix(10)
        if !most.isEmpty {
            text += "\n### Most reassigned conversations\n\n"
            var table = MarkdownTable([
                "conversation", "mailbox", ">assignments", ">reassignments", ">bounces", ">unassignments", "ends with",
            ])
            for row in most {
                table.add([
                    String(row.conversation), analytics.label(mailbox: row.mailbox).escapedForMarkdown(),
                    TextCharts.count(row.assignments), TextCharts.count(row.reassignments),
                    TextCharts.count(row.bounces), TextCharts.count(row.unassignments),
                    row.finalAssignee.map { analytics.label(agent: $0).escapedForMarkdown() } ?? "unassigned",
                ])
            }
            text += table.render()
        }
        text += "\n### Agents\n\n"
        var agents = MarkdownTable(["agent", ">assigned in", ">handed off"])
        let shown = Self.top(analytics.churn.agents) { $0.assignedIn }
        for row in shown {
            agents.add([
                analytics.label(agent: row.agent).escapedForMarkdown(), TextCharts.count(row.assignedIn),
                TextCharts.count(row.handedOff),
            ])
        }
        return text + agents.render()
            + Self.more(analytics.churn.agents.count - shown.count, "agents", in: ReportFiles.agentAssignments)
    }

    func tags() -> String {
        let text = "## Tags\n\n"
        let rows = analytics.tags
        guard !rows.isEmpty else { return text + "No tags.\n" }
        let shown = rows.prefix(Self.topRows)
        var table = MarkdownTable(["tag", ">conversations", ">added", ">removed", ""])
        let largest = Double(shown.map(\.conversations).max() ?? 0)
        for row in shown {
            table.add([
                row.tag.escapedForMarkdown(limit: 40), TextCharts.count(row.conversations), TextCharts.count(row.added),
                TextCharts.count(row.removed), TextCharts.bar(Double(row.conversations), of: largest),
            ])
        }
        return text + table.render() + Self.more(rows.count - shown.count, "tags", in: ReportFiles.tags) + "\n"
            + Self.chart("tags.svg", "Most used tags").dropLast()
    }

    func satisfaction() -> String {
        var text = "## Customer satisfaction\n\n"
        let rows = analytics.satisfaction
        guard let all = rows.first(where: { $0.key == .all }) else { return text + "No ratings.\n" }
        text +=
            "\(TextCharts.count(all.ratings)) ratings: \(TextCharts.count(all.great)) great, \(TextCharts.count(all.okay)) okay, \(TextCharts.count(all.notGood)) not good. "
        text += "**CSAT \(TextCharts.percent(all.csatPercent))**, **happiness \(decimal(all.happiness, places: 1))** "
        text += "(Help Scout's score: % great minus % not good).\n\n"
        func table(_ title: String, _ rows: [(label: String, row: SatisfactionRow)]) -> String {
            var table = MarkdownTable([title, ">ratings", ">great", ">okay", ">not good", ">CSAT", ">happiness", ""])
            for (name, row) in rows {
                table.add(
                    [name] + [row.ratings, row.great, row.okay, row.notGood].map(TextCharts.count) + [
                        TextCharts.percent(row.csatPercent), decimal(row.happiness, places: 1),
                        TextCharts.bar(max(0, row.happiness), of: 100, width: 10),
                    ])
            }
            return table.render()
        }
        func top(_ scope: MetricKey.Scope, _ title: String, _ plural: String) -> String {
            let all = rows.filter { $0.key.scope == scope }
            // Happiest first, as the bars show (ties by CSAT, then in key order).
            let shown = Self.top(all) { $0.ratings }.enumerated()
                .sorted {
                    (-$0.element.happiness, -$0.element.csatPercent, $0.offset)
                        < (-$1.element.happiness, -$1.element.csatPercent, $1.offset)
                }.map(\.element)
            return table(title, shown.map { (label($0.key), $0) })
                + Self.more(all.count - shown.count, plural, in: ReportFiles.csat)
        }
        text +=
            "### By agent\n\n" + top(.agent, "agent", "agents") + "\n"
            + Self.chart("csat_by_agent.svg", "CSAT and happiness by agent")
        text +=
            satisfactionOverTime(table) + "\n"
            + Self.chart("csat_over_time.svg", "CSAT and happiness over the period").dropLast()
        text += "\n### By mailbox\n\n" + top(.mailbox, "mailbox", "mailboxes")
        return text
    }

    /// CSAT by ISO week (`csat.csv`'s week rows, a week the period only partly covers marked), or by
    /// month or year when the period is longer than 60 weeks.
    private func satisfactionOverTime(_ table: (String, [(label: String, row: SatisfactionRow)]) -> String) -> String {
        let (granularity, periods) = analytics.satisfactionOverTime
        let rated = periods.filter { $0.ratings.ratings > 0 }
        let total = analytics.series.filter { $0.ratings.ratings > 0 }.count
        let note =
            granularity > .week && rated.count < total
            ? "The latest \(rated.count) of the \(TextCharts.count(total)) \(granularity.name)s with ratings; all are in `csat.csv` by week.\n\n"
            : ""
        let rows = rated.map { ($0.bucket.label + ($0.isPartial ? " (partial)" : ""), $0.ratings) }
        return "### By \(granularity.name)\n\n" + note + table(granularity.name, rows)
    }

    /// A key as people know it: agents and mailboxes by name, escaped; days and weeks as text.
    private func label(_ key: MetricKey) -> String {
        switch key {
        case .agent(let id?): return analytics.label(agent: id).escapedForMarkdown()
        case .mailbox(let id?): return analytics.label(mailbox: id).escapedForMarkdown()
        default: return key.text
        }
    }
}
