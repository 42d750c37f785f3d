/// The week's hours as a grid: a row per weekday, a cell per hour, darker for more.
struct HeatMap {
    /// Makes the chart's ids unique in a page (its file name without `.svg`).
    var id: String
    var title: String
    var description: String
    /// Seven rows of 24 counts, Monday first.
    var counts: [[Int]]
    var caption: String

    static let cell = 24.0

    func render() -> String {
        let left = 56.0, top = ChartStyle.top
        let height = Int(top + 7 * Self.cell + 72)
        var svg = ChartStyle.document(id: id, title: title, description: description, height: height)
        let largest = counts.flatMap { $0 }.max() ?? 0
        svg.element("text", ["class": "note", "x": 16, "y": .number(top - 10)], text: caption)
        for hour in stride(from: 0, to: 24, by: 3) {
            svg.element(
                "text",
                [
                    "x": .number(left + (Double(hour) + 0.5) * Self.cell), "y": .number(top + 7 * Self.cell + 16),
                    "text-anchor": "middle",
                ],
                text: Timestamp.pad(hour, 2) + ":00")
        }
        for (weekday, row) in counts.enumerated() {
            let y = top + Double(weekday) * Self.cell
            svg.element(
                "text", ["x": .number(left - 8), "y": .number(y + 16), "text-anchor": "end"],
                text: MarkdownReport.weekdayNames[weekday])
            for (hour, count) in row.enumerated() {
                var attributes: [String: SVGWriter.Value] = [
                    "x": .number(left + Double(hour) * Self.cell), "y": .number(y), "width": .number(Self.cell - 2),
                    "height": .number(Self.cell - 2),
                ]
                if let shade = Self.shade(count, of: largest) {
                    attributes["fill"] = .text(ChartStyle.scale[shade])
                } else {
                    attributes["class"] = "empty"
                }
                svg.begin("rect", attributes)
                svg.element(
                    "title",
                    text:
                        "\(MarkdownReport.weekdayNames[weekday]) \(Timestamp.pad(hour, 2)):00: \(TextCharts.count(count))"
                )
                svg.end()
            }
        }
        // The legend: what each shade stands for.
        let legendY = top + 7 * Self.cell + 32
        svg.element("text", ["class": "note", "x": .number(left), "y": .number(legendY + 12)], text: "fewer")
        for (index, color) in ChartStyle.scale.enumerated() {
            svg.element(
                "rect",
                [
                    "x": .number(left + 44 + Double(index) * 20), "y": .number(legendY), "width": 18, "height": 16,
                    "fill": .text(color),
                ])
        }
        svg.element(
            "text", ["class": "note", "x": .number(left + 150), "y": .number(legendY + 12)],
            text: "more (the busiest hour: \(TextCharts.count(largest)))")
        return svg.finished()
    }

    /// The shade of a count: nil for none, else by fifths of the largest.
    static func shade(_ count: Int, of largest: Int) -> Int? {
        guard count > 0, largest > 0 else { return nil }
        return min(4, (count * 5 - 1) / largest)
    }
}
