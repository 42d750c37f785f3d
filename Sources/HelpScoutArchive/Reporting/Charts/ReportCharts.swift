/// The report's charts (`charts/*.svg`), each a pure rendering of the analytics: the same numbers as
/// the CSV files and report.md, drawn.
package enum ReportCharts {
    /// The charts, by file name, in the order report.md shows them.
    package static let names = [
        "volume.svg", "busiest_hours.svg", "response_times.svg", "response_buckets.svg", "reassignments.svg",
        "tags.svg",
        "csat_over_time.svg", "csat_by_agent.svg",
    ]

    private static let renderers: [@Sendable (AnalyticsResult) -> String] = [
        volume, busiestHours, responseTimes, responseBuckets, reassignments, tags, satisfactionOverTime,
        satisfactionByAgent,
    ]

    package static func render(_ analytics: AnalyticsResult) -> [(name: String, svg: String)] {
        names.indices.map { (names[$0], render(analytics, only: $0)) }
    }

    /// The chart `names[index]`.
    static func render(_ analytics: AnalyticsResult, only index: Int) -> String { renderers[index](analytics) }

    /// The x axis's labels: a bucket the period covers only in part marked `*`.
    private static func categories(_ points: [SeriesPoint]) -> [String] {
        points.map { $0.bucket.label + ($0.isPartial ? "*" : "") }
    }

    /// The caption's note on partial buckets, if any.
    private static func partialNote(_ points: [SeriesPoint]) -> String {
        points.contains(where: \.isPartial) ? "; * only partly in the period" : ""
    }

    private static func span(_ points: [SeriesPoint]) -> String {
        guard let first = points.first, let last = points.last else { return "" }
        return first.bucket == last.bucket ? first.bucket.label : "\(first.bucket.label) to \(last.bucket.label)"
    }

    static func volume(_ analytics: AnalyticsResult) -> String {
        let points = analytics.series
        guard let granularity = points.first?.bucket.granularity else {
            return ChartStyle.empty(id: "volume", title: "Events", "No verified events.")
        }
        let events = points.map(\.events), created = points.map(\.newConversations)
        let messages = points.map(\.customerMessages)
        return LineChart(
            id: "volume",
            title: "Events, new conversations and customer messages per \(granularity.name)",
            description:
                "\(span(points)), \(analytics.timeZone.identifier): \(TextCharts.count(events.reduce(0, +))) events "
                + "(\(TextCharts.count(events.min()!)) to \(TextCharts.count(events.max()!)) a \(granularity.name)), "
                + "\(TextCharts.count(created.reduce(0, +))) new conversations, \(TextCharts.count(messages.reduce(0, +))) customer messages.",
            categories: categories(points),
            series: [
                .init(name: "events", values: events.map(Double.init)),
                .init(name: "new conversations", values: created.map(Double.init)),
                .init(name: "customer messages", values: messages.map(Double.init)),
            ],
            axis: .counts(upTo: events.max()!), caption: "per \(granularity.name)" + partialNote(points)
        ).render()
    }

    static func responseTimes(_ analytics: AnalyticsResult) -> String {
        let points = analytics.series
        guard let granularity = points.first?.bucket.granularity, points.contains(where: { $0.response != nil }) else {
            return ChartStyle.empty(
                id: "response_times", title: "Response times", "No replies to waiting customers in the period.")
        }
        let series: [LineChart.Series] = [
            .init(name: "response, median", values: points.map { $0.response?.p50 }),
            .init(name: "response, p90", values: points.map { $0.response?.p90 }, dashed: true),
            .init(name: "first response, median", values: points.map { $0.firstResponse?.p50 }),
            .init(name: "first response, p90", values: points.map { $0.firstResponse?.p90 }, dashed: true),
        ]
        let longest = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let axis = ValueAxis.durations(upTo: longest)
        let medians = points.compactMap { $0.response?.p50 }
        return LineChart(
            id: "response_times",
            title: "Response and first response times per \(granularity.name)",
            description:
                "\(span(points)): the median response per \(granularity.name) ran from \(TextCharts.duration(medians.min()!)) "
                + "to \(TextCharts.duration(medians.max()!)); dashed lines are the 90th percentiles.",
            categories: categories(points), series: series, axis: axis,
            caption: "wait, \(axis.unit)" + partialNote(points)
        ).render()
    }

    static func responseBuckets(_ analytics: AnalyticsResult) -> String {
        func shares(_ metric: ResponseMetric) -> [Double] {
            let counts =
                analytics.responseTimes.first { $0.metric == metric && $0.key == .all }?.summary.bucketCounts
                ?? Array(repeating: 0, count: ResponseBucket.names.count)
            let total = counts.reduce(0, +)
            return counts.map { total > 0 ? 100 * Double($0) / Double(total) : 0 }
        }
        let first = shares(.firstResponse), response = shares(.response)
        guard (first + response).contains(where: { $0 > 0 }) else {
            return ChartStyle.empty(
                id: "response_buckets", title: "Response times by bucket",
                "No replies to waiting customers in the period.")
        }
        return BarChart(
            id: "response_buckets",
            title: "How long customers waited",
            description:
                "The share of first responses and of all responses in each bucket of waiting time, from under 15 minutes to over 2 days.",
            labels: ResponseBucket.names, series: [("first response", first), ("response", response)],
            axis: ValueAxis(to: max(first.max()!, response.max()!), unit: "%"), caption: "share of the measure",
            valueText: { TextCharts.percent($0) }
        ).render()
    }

    static func busiestHours(_ analytics: AnalyticsResult) -> String {
        let hours = analytics.busiestHours
        guard hours.count == 168, hours.contains(where: { $0.customerMessages > 0 }) else {
            return ChartStyle.empty(id: "busiest_hours", title: "Busiest hours", "No customer messages in the period.")
        }
        let counts = (0..<7).map { day in (0..<24).map { hours[day * 24 + $0].customerMessages } }
        let busiest = hours.max {
            ($0.customerMessages, -$0.weekday * 24 - $0.hour) < ($1.customerMessages, -$1.weekday * 24 - $1.hour)
        }!
        return HeatMap(
            id: "busiest_hours",
            title: "Customer messages by weekday and hour",
            description:
                "In \(analytics.timeZone.identifier); the busiest hour is \(MarkdownReport.weekdayNames[busiest.weekday]) "
                + "\(Timestamp.pad(busiest.hour, 2)):00 with \(TextCharts.count(busiest.customerMessages)) messages.",
            counts: counts, caption: "hours of \(analytics.timeZone.identifier)"
        ).render()
    }

    static func reassignments(_ analytics: AnalyticsResult) -> String {
        let conversations = analytics.churn.conversations
        guard !conversations.isEmpty else {
            return ChartStyle.empty(id: "reassignments", title: "Reassignments", "No assignments in the period.")
        }
        var buckets = [Double](repeating: 0, count: 5)
        for row in conversations { buckets[min(row.reassignments, 4)] += 1 }
        return BarChart(
            id: "reassignments",
            title: "Conversations by number of reassignments",
            description:
                "\(TextCharts.count(conversations.count)) conversations were assigned; "
                + "\(TextCharts.count(Int(buckets[1...].reduce(0, +)))) of them changed hands at least once.",
            labels: ["0", "1", "2", "3", "4 or more"], series: [("conversations", buckets)],
            axis: .counts(upTo: Int(buckets.max()!)), caption: "conversations", valueText: { TextCharts.count(Int($0)) }
        ).render()
    }

    static func tags(_ analytics: AnalyticsResult) -> String {
        let rows = analytics.tags.prefix(MarkdownReport.topRows)
        guard let most = rows.first, most.conversations > 0 else {
            return ChartStyle.empty(id: "tags", title: "Tags", "No tags in the period.")
        }
        let more = analytics.tags.count - rows.count
        return BarChart(
            id: "tags",
            title: "Most used tags",
            description:
                "The \(rows.count) tags on the most conversations, \(most.tag.displaySafe) first with \(TextCharts.count(most.conversations))"
                + (more > 0 ? "; \(TextCharts.count(more)) more are in tags.csv." : "."),
            labels: rows.map(\.tag), series: [("conversations", rows.map { Double($0.conversations) })],
            axis: .counts(upTo: most.conversations), caption: "conversations", valueText: { TextCharts.count(Int($0)) }
        ).render()
    }

    /// By ISO week (by month, year or decade for a period over 60 weeks), as report.md's table.
    static func satisfactionOverTime(_ analytics: AnalyticsResult) -> String {
        let (granularity, periods) = analytics.satisfactionOverTime
        let labels = periods.map { $0.bucket.label + ($0.isPartial ? "*" : "") }
        let rows = periods.map(\.ratings)
        guard rows.contains(where: { $0.ratings > 0 }) else {
            return ChartStyle.empty(id: "csat_over_time", title: "CSAT and happiness", "No ratings in the period.")
        }
        return LineChart(
            id: "csat_over_time",
            title: "CSAT and happiness per \(granularity.name)",
            description:
                "\(periods.first!.bucket.label) to \(periods.last!.bucket.label): CSAT (the share of great ratings, in percent) and Help Scout's "
                + "happiness score (percent great minus percent not good) per \(granularity.name) with ratings.",
            categories: labels,
            series: [
                .init(name: "CSAT %", values: rows.map { $0.ratings > 0 ? $0.csatPercent : nil }),
                .init(name: "happiness", values: rows.map { $0.ratings > 0 ? $0.happiness : nil }),
            ],
            axis: ValueAxis(from: -100, to: 100, unit: ""),
            caption: "percent, score" + (periods.contains(where: \.isPartial) ? "; * only partly in the period" : "")
        ).render()
    }

    static func satisfactionByAgent(_ analytics: AnalyticsResult) -> String {
        let agents = analytics.satisfaction.filter { $0.key.scope == .agent }
        // The highest CSAT first (ties in key order).
        let shown = MarkdownReport.top(agents) { $0.ratings }.enumerated()
            .sorted { (-$0.element.csatPercent, $0.offset) < (-$1.element.csatPercent, $1.offset) }.map(\.element)
        guard !shown.isEmpty else {
            return ChartStyle.empty(
                id: "csat_by_agent", title: "CSAT and happiness by agent", "No ratings in the period.")
        }
        let labels = shown.map { row -> String in
            if case .agent(let id) = row.key { return analytics.label(agent: id, nameLimit: 14) }
            return row.key.text
        }
        let happiness = shown.map(\.happiness)
        return BarChart(
            id: "csat_by_agent",
            title: "CSAT and happiness by agent",
            description:
                "CSAT (the share of great ratings) and Help Scout's happiness score for the \(shown.count) agents "
                + "with the most ratings"
                + (agents.count > shown.count ? "; \(agents.count - shown.count) more are in csat.csv." : "."),
            labels: labels, series: [("CSAT %", shown.map(\.csatPercent)), ("happiness", happiness)],
            axis: ValueAxis(from: happiness.min()! < 0 ? -100 : 0, to: 100, unit: ""),
            caption: "percent, score", valueText: { decimal($0, places: 1) }
        ).render()
    }
}
