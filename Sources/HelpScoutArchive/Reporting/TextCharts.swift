/// Small charts made of text, for `report.md`: they render on GitHub and in a terminal alike.
enum TextCharts {
    private static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
    private static let levels = Array("▁▂▃▄▅▆▇█")

    /// A horizontal bar of `value / maximum` of `width` characters, in eighths of a character.
    static func bar(_ value: Double, of maximum: Double, width: Int = 20) -> String {
        guard maximum > 0, value > 0 else { return "" }
        let units = max(1, Int((value / maximum * Double(width * 8)).rounded()))
        return String(repeating: "█", count: units / 8) + eighths[units % 8]
    }

    /// One character per value, from `▁` (the least) to `█` (the most).
    static func sparkline(_ values: [Double]) -> String {
        guard let low = values.min(), let high = values.max() else { return "" }
        return String(
            values.map { value in
                high == low
                    ? levels[levels.count / 2]
                    : levels[Int(((value - low) / (high - low) * Double(levels.count - 1)).rounded())]
            })
    }

    /// A duration for people: `42s`, `12m 05s`, `2h 14m`, `3d 04h`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 0 { return "-" + duration(-seconds) }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        switch total {
        case ..<60: return "\(total)s"
        case ..<3600: return "\(total / 60)m \(two(total % 60))s"
        case ..<86_400: return "\(total / 3600)h \(two(total / 60 % 60))m"
        default: return "\(total / 86_400)d \(two(total / 3600 % 24))h"
        }
    }

    /// `1,234`.
    static func count(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 && digit != "-" { result.append(",") }
            result.append(digit)
        }
        return String(result.reversed())
    }

    /// `64.9%`.
    static func percent(_ value: Double) -> String { decimal(value, places: 1) + "%" }
}
