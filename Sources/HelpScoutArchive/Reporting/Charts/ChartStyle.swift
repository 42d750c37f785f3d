/// What every chart shares: its size, fonts and colours. The colours are Okabe and Ito's palette,
/// told apart with every common kind of colour blindness; a style sheet switches the background and
/// text for a dark colour scheme. Fonts are the system's: nothing is fetched.
enum ChartStyle {
    static let width = 720
    static let height = 320
    /// Room around the plot for the title, the legend, the axes and their labels.
    static let left = 72.0, right = 48.0, top = 76.0, bottom = 40.0

    /// Blue, orange, bluish green, reddish purple, sky blue, vermillion.
    static let colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
    /// A sequential blue scale, light to dark, for counts (the heat map).
    static let scale = ["#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]

    static let styleSheet: StaticString = """
        <style>
        text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; font-size: 12px; fill: #24292f; }
        .title { font-size: 15px; font-weight: 600; }
        .note { fill: #57606a; }
        .axis { stroke: #57606a; stroke-width: 1; fill: none; }
        .grid { stroke: #d0d7de; stroke-width: 1; }
        .background { fill: #ffffff; }
        .empty { fill: #f6f8fa; }
        @media (prefers-color-scheme: dark) {
          text { fill: #e6edf3; }
          .note { fill: #9198a1; }
          .axis { stroke: #9198a1; }
          .grid { stroke: #30363d; }
          .background { fill: #0d1117; }
          .empty { fill: #161b22; }
        }
        </style>
        """

    /// A document with the style sheet, the background and the title drawn.
    static func document(id: String, title: String, description: String, height: Int = height) -> SVGWriter {
        var svg = SVGWriter(width: width, height: height, id: id, title: title, description: description)
        svg.raw(styleSheet)
        svg.element(
            "rect", ["class": "background", "width": .number(Double(width)), "height": .number(Double(height))])
        svg.element("text", ["class": "title", "x": 16, "y": 24], text: title)
        return svg
    }

    /// A chart that has nothing to show says so.
    static func empty(id: String, title: String, _ message: String) -> String {
        var svg = document(id: id, title: title, description: message, height: 120)
        svg.element("text", ["class": "note", "x": 16, "y": 64], text: message)
        return svg.finished()
    }
}
