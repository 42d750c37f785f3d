/// Values over the report's days, weeks, months or years: one line per series, a gap where a
/// series has no value, points drawn while there are few.
struct LineChart {
    struct Series {
        var name: String
        var values: [Double?]
        var dashed = false
    }

    /// Makes the chart's ids unique in a page (its file name without `.svg`).
    var id: String
    var title: String
    var description: String
    /// The x axis's labels, one per value.
    var categories: [String]
    var series: [Series]
    var axis: ValueAxis
    /// The axis's caption, such as `events` or `hours`.
    var caption: String

    func render() -> String {
        var svg = ChartStyle.document(id: id, title: title, description: description)
        let (left, right) = (ChartStyle.left, Double(ChartStyle.width) - ChartStyle.right)
        let (top, bottom) = (ChartStyle.top, Double(ChartStyle.height) - ChartStyle.bottom)
        let step = categories.count > 1 ? (right - left) / Double(categories.count - 1) : 0
        func x(_ index: Int) -> Double { categories.count > 1 ? left + Double(index) * step : (left + right) / 2 }
        func y(_ value: Double) -> Double { axis.position(value, bottom: bottom, top: top) }

        for tick in axis.ticks {
            svg.element(
                "line",
                [
                    "class": "grid", "x1": .number(left), "x2": .number(right), "y1": .number(y(tick)),
                    "y2": .number(y(tick)),
                ])
            svg.element(
                "text", ["x": .number(left - 6), "y": .number(y(tick) + 4), "text-anchor": "end"],
                text: axis.label(tick))
        }
        svg.element(
            "text", ["class": "note", "x": 16, "y": .number(top - 8)], text: caption)
        svg.element("path", ["class": "axis", "d": .text("M\(n(left)) \(n(top))V\(n(bottom))H\(n(right))")])
        // As many labels as fit side by side (about 7 px a character and a gap), evenly spaced.
        let widest = Double(categories.map(\.count).max() ?? 1) * 7 + 16
        let fitting = max(1, Int((right - left) / widest))
        let every = max(1, (categories.count + fitting - 1) / fitting)
        for (index, label) in categories.enumerated() where index % every == 0 {
            svg.element(
                "line",
                [
                    "class": "axis", "x1": .number(x(index)), "x2": .number(x(index)), "y1": .number(bottom),
                    "y2": .number(bottom + 4),
                ])
            svg.element(
                "text", ["x": .number(x(index)), "y": .number(bottom + 18), "text-anchor": "middle"], text: label)
        }
        for (number, line) in series.enumerated() {
            let color = ChartStyle.colors[number % ChartStyle.colors.count]
            var path = "", pen = false
            for (index, value) in line.values.enumerated() {
                guard let value else {
                    pen = false
                    continue
                }
                path += "\(pen ? "L" : "M")\(n(x(index))) \(n(y(value)))"
                pen = true
            }
            var attributes: [String: SVGWriter.Value] = [
                "d": .text(path), "fill": "none", "stroke": .text(color), "stroke-width": 2,
            ]
            if line.dashed { attributes["stroke-dasharray"] = "6 4" }
            if !path.isEmpty { svg.element("path", attributes) }
            if categories.count <= 31 {
                for (index, value) in line.values.enumerated() {
                    guard let value else { continue }
                    svg.element(
                        "circle", ["cx": .number(x(index)), "cy": .number(y(value)), "r": 2.5, "fill": .text(color)])
                }
            }
            // The legend, along the top.
            let legendX = 16 + Double(number) * 170
            var swatch: [String: SVGWriter.Value] = [
                "x1": .number(legendX), "x2": .number(legendX + 24), "y1": 42, "y2": 42, "stroke": .text(color),
                "stroke-width": 2,
            ]
            if line.dashed { swatch["stroke-dasharray"] = "6 4" }
            svg.element("line", swatch)
            svg.element("text", ["x": .number(legendX + 30), "y": 46], text: line.name)
        }
        return svg.finished()
    }

    private func n(_ value: Double) -> String { SVGWriter.Value.number(value).written }
}
