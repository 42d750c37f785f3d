/// The top of `report.md`: the period, and Help Scout's measures over it against the one before.
extension MarkdownReport {
    func headline() -> String {
        var text = "## Headline\n\n"
        let zone = analytics.timeZone
        switch analytics.comparison {
        case .noWindow where analytics.window.isBounded:
            text +=
                "Over the period asked for. Give both `--since` and `--until` to compare it with the period of the same length before.\n\n"
        case .noWindow:
            text +=
                "Over every verified event. Give `--since` and `--until` to report on a period and compare it with the one before.\n\n"
        case .compared(let previous):
            text +=
                "Compared with the period of the same length before, from \(zone.rfc3339(previous.start!)) until \(zone.rfc3339(previous.end!)); a change is relative to the previous figure (30% after 40% is -25%).\n\n"
        case .archivesStartLater(let previous, let first):
            let earliest = first.map { "begin at \(zone.rfc3339($0))" } ?? "hold no verified event"
            text +=
                "> Not compared with the period of the same length before, from \(zone.rfc3339(previous.start!)) until \(zone.rfc3339(previous.end!)): the archives read \(earliest), so its figures could be partial.\n\n"
        }
        let compared = analytics.comparison.previousWindow != nil
        var table = MarkdownTable(
            compared ? ["measure", ">this period", ">previous", ">change"] : ["measure", ">value"])
        for row in analytics.headline {
            let cells = [Self.name(row.measure), Self.figure(row.current, row.measure)]
            table.add(
                compared
                    ? cells + [Self.figure(row.previous, row.measure), row.changePercent.map(Self.change) ?? "–"]
                    : cells)
        }
        return text + table.render()
    }

    /// The measure as Help Scout's reports name it.
    private static func name(_ measure: HeadlineMeasure) -> String {
        switch measure {
        case .newConversations: "new conversations"
        case .customersHelped: "customers helped"
        case .customerMessages: "messages received"
        case .repliesSent: "replies sent"
        case .resolved: "resolved"
        case .resolvedOnFirstReplyPercent: "resolved on first reply"
        case .repliesToResolve: "replies to resolve"
        case .firstResponseMedian: "first response time, median"
        case .firstResponseP90: "first response time, p90"
        case .responseMedian: "response time, median"
        case .resolutionMedian: "resolution time, median"
        case .firstResponseOfficeMedian: "first response time, median, office time"
        case .firstResponseOfficeP90: "first response time, p90, office time"
        case .responseOfficeMedian: "response time, median, office time"
        case .resolutionOfficeMedian: "resolution time, median, office time"
        case .ratings: "ratings"
        case .csatPercent: "CSAT (great)"
        case .happiness: "happiness score"
        }
    }

    private static func figure(_ value: Double?, _ measure: HeadlineMeasure) -> String {
        guard let value else { return "–" }
        switch measure.kind {
        case .count: return TextCharts.count(Int(value))
        case .percent: return TextCharts.percent(value)
        case .mean: return decimal(value, places: 2)
        case .seconds: return TextCharts.duration(value)
        case .score: return decimal(value, places: 1)
        }
    }

    /// `+12.5%`, `-3.0%`.
    private static func change(_ percent: Double) -> String {
        (percent > 0 && decimal(percent, places: 1) != "0.0" ? "+" : "") + TextCharts.percent(percent)
    }
}
