/// Horizontal bars, one row per label, one bar per series in each row, the value at its end. Bars
/// grow from zero, to the left for a negative value when the axis goes below zero.
struct BarChart {
    /// Makes the chart's ids unique in a page (its file name without `.svg`).
    var id: String
    var title: String
    var description: String
    var labels: [String]
    /// The series' names and values, one value per label.
    var series: [(name: String, values: [Double])]
    var axis: ValueAxis
    var caption: String
    /// How a bar's value is written at its end.
    var valueText: (Double) -> String

    static let labelWidth = 200.0

    func render() -> String {
        let barHeight = 16.0
        let rowHeight = barHeight * Double(max(series.count, 1)) + 6
        let plotTop = ChartStyle.top
        let plotBottom = plotTop + Double(labels.count) * rowHeight
        let height = Int(plotBottom + ChartStyle.bottom)
        var svg = ChartStyle.document(id: id, title: title, description: description, height: height)
        let left = Self.labelWidth, right = Double(ChartStyle.width) - ChartStyle.right - 56
        func x(_ value: Double) -> Double { left + (value - axis.low) / (axis.high - axis.low) * (right - left) }

        for tick in axis.ticks {
            svg.element(
                "line",
                [
                    "class": "grid", "x1": .number(x(tick)), "x2": .number(x(tick)), "y1": .number(plotTop),
                    "y2": .number(plotBottom),
                ])
            svg.element(
                "text", ["x": .number(x(tick)), "y": .number(plotBottom + 16), "text-anchor": "middle"],
                text: axis.label(tick))
        }
        svg.element("text", ["class": "note", "x": 16, "y": .number(plotTop - 10)], text: caption)
        for (row, label) in labels.enumerated() {
            let rowTop = plotTop + Double(row) * rowHeight + 3
            svg.element(
                "text", ["x": .number(left - 8), "y": .number(rowTop + rowHeight / 2 + 1), "text-anchor": "end"],
                text: Self.shortened(label))
            for (number, bars) in series.enumerated() {
                let value = bars.values[row]
                let y = rowTop + Double(number) * barHeight
                let zero = x(max(axis.low, 0))
                svg.element(
                    "rect",
                    [
                        "x": .number(min(zero, x(value))), "y": .number(y), "width": .number(abs(x(value) - zero)),
                        "height": .number(barHeight - 1),
                        "fill": .text(ChartStyle.colors[number % ChartStyle.colors.count]),
                    ])
                svg.element(
                    "text", ["x": .number(max(zero, x(value)) + 4), "y": .number(y + barHeight - 4), "class": "note"],
                    text: valueText(value))
            }
        }
        svg.element("path", ["class": "axis", "d": .text("M\(n(left)) \(n(plotTop))V\(n(plotBottom))H\(n(right))")])
        if series.count > 1 {
            for (number, bars) in series.enumerated() {
                let legendX = 16 + Double(number) * 170
                svg.element(
                    "rect",
                    [
                        "x": .number(legendX), "y": 36, "width": 12, "height": 12,
                        "fill": .text(ChartStyle.colors[number]),
                    ])
                svg.element("text", ["x": .number(legendX + 18), "y": 46], text: bars.name)
            }
        }
        return svg.finished()
    }

    /// A label of at most 26 characters (about what fits left of the bars).
    static func shortened(_ label: String) -> String {
        label.count <= 26 ? label : String(label.prefix(25)) + "…"
    }

    private func n(_ value: Double) -> String { SVGWriter.Value.number(value).written }
}
