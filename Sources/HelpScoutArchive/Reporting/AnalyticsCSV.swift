/// Renders the analytics files of the report folder; their columns are in docs/metrics.md.
enum AnalyticsCSV {
    /// `headline.csv`: Help Scout's measures over the window and the one before it; an empty cell
    /// where there is nothing to measure or compare.
    static func headline(_ analytics: AnalyticsResult) -> String {
        var csv = CSVWriter(header: ["measure", "current", "previous", "change_pct"])
        for row in analytics.headline {
            func text(_ value: Double?) -> String {
                guard let value else { return "" }
                switch row.measure.kind {
                case .count: return decimal(value, places: 0)
                case .seconds: return decimal(value, places: 3)
                case .percent, .mean, .score: return decimal(value, places: 2)
                }
            }
            csv.writeRow([
                row.measure.rawValue, text(row.current), text(row.previous),
                row.changePercent.map { decimal($0, places: 2) } ?? "",
            ])
        }
        return csv.text
    }

    /// `events.csv`: verified events in the window per day (in the time zone) and type.
    static func events(_ analytics: AnalyticsResult) -> String {
        var csv = CSVWriter(header: ["day", "event_type", "count"])
        for row in analytics.eventCounts {
            csv.writeRow([Timestamp.dayString(row.day), row.type.name, String(row.count)])
        }
        return csv.text
    }

    /// `response_times.csv`: seconds with millisecond precision.
    static func responseTimes(_ analytics: AnalyticsResult) -> String {
        var csv = CSVWriter(header: ["metric", "scope", "key", "count", "mean_s", "p50_s", "p90_s", "p95_s", "max_s"])
        for row in analytics.responseTimes {
            let s = row.summary
            csv.writeRow(
                [row.metric.rawValue, row.key.scope.rawValue, row.key.text, String(s.count)]
                    + [s.mean, s.p50, s.p90, s.p95, s.max].map { decimal($0, places: 3) })
        }
        return csv.text
    }

    /// `response_buckets.csv`: first response and response times (wall clock, every one measured)
    /// as counts in `ResponseBucket`'s buckets, each with its share of the measure's total.
    static func responseBuckets(_ analytics: AnalyticsResult) -> String {
        var csv = CSVWriter(header: ["metric", "bucket", "count", "pct"])
        for metric in [ResponseMetric.firstResponse, .response] {
            let counts =
                analytics.responseTimes.first { $0.metric == metric && $0.key == .all }?.summary.bucketCounts
                ?? Array(repeating: 0, count: ResponseBucket.names.count)
            let total = counts.reduce(0, +)
            for (name, count) in zip(ResponseBucket.names, counts) {
                let share = total > 0 ? decimal(Double(count) * 100 / Double(total), places: 2) : ""
                csv.writeRow([metric.rawValue, name, String(count), share])
            }
        }
        return csv.text
    }

    /// `busiest_hours.csv`: the 168 hours of the week in the time zone, Monday 00:00 first.
    static func busiestHours(_ analytics: AnalyticsResult) -> String {
        var csv = CSVWriter(header: ["weekday", "hour", "new_conversations", "customer_messages"])
        for row in analytics.busiestHours {
            csv.writeRow([
                MarkdownReport.weekdayNames[row.weekday], String(row.hour), String(row.newConversations),
                String(row.customerMessages),
            ])
        }
        return csv.text
    }

    /// `assignment_churn.csv`: conversations with at least one assignment or unassignment, by id.
    static func assignmentChurn(_ analytics: AnalyticsResult) -> String {
        var csv = CSVWriter(header: [
            "conversation_id", "mailbox_id", "assignments", "reassignments", "bounces", "unassignments",
            "final_assignee_id",
        ])
        for row in analytics.churn.conversations {
            csv.writeRow(
                [
                    .number(row.conversation), .number(row.mailbox, else: MetricKey.mailbox(nil).text),
                    .number(Int64(row.assignments)), .number(Int64(row.reassignments)), .number(Int64(row.bounces)),
                    .number(Int64(row.unassignments)), .number(row.finalAssignee, else: ""),
                ] as [CSVWriter.Cell])
        }
        return csv.text
    }

    /// `agent_assignments.csv`: every agent in an assignment, by id.
    static func agentAssignments(_ analytics: AnalyticsResult) -> String {
        var csv = CSVWriter(header: ["agent_id", "assigned_in", "handed_off"])
        for row in analytics.churn.agents {
            csv.writeRow([String(row.agent), String(row.assignedIn), String(row.handedOff)])
        }
        return csv.text
    }

    /// `tags.csv`: by conversations descending, then name.
    static func tags(_ analytics: AnalyticsResult) -> String {
        var csv = CSVWriter(header: ["tag", "conversations", "added", "removed"])
        for row in analytics.tags {
            csv.writeRow([row.tag, String(row.conversations), String(row.added), String(row.removed)])
        }
        return csv.text
    }

    /// `csat.csv`: scopes all, agent, mailbox, week; percentages with two decimals.
    static func csat(_ analytics: AnalyticsResult) -> String {
        var csv = CSVWriter(header: ["scope", "key", "ratings", "great", "okay", "not_good", "csat_pct", "happiness"])
        for row in analytics.satisfaction {
            csv.writeRow([
                row.key.scope.rawValue, row.key.text, String(row.ratings), String(row.great), String(row.okay),
                String(row.notGood), decimal(row.csatPercent, places: 2), decimal(row.happiness, places: 2),
            ])
        }
        return csv.text
    }
}
