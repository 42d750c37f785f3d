import Foundation

/// A chart's value axis: round ticks from its least to its greatest, labelled in one unit.
struct ValueAxis {
    let ticks: [Double]
    let unit: String
    private let divisor: Double

    var low: Double { ticks.first! }
    var high: Double { ticks.last! }

    /// An axis from `minimum` (0 by default) up to at least `maximum`, about five ticks, values
    /// shown divided by `divisor` with `unit`; with `whole`, the ticks are whole numbers (counts).
    init(from minimum: Double = 0, to maximum: Double, unit: String, divisor: Double = 1, whole: Bool = false) {
        self.unit = unit
        self.divisor = divisor
        let span = max((maximum - minimum) / divisor, 1e-9)
        let raw = span / 5
        let magnitude = pow(10, floor(log10(raw)))
        let multiples: [Double] = whole ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]
        var step = multiples.map { $0 * magnitude }.first { $0 >= raw }!
        if whole { step = max(1, step.rounded()) }
        step *= divisor
        let first = floor(minimum / step) * step
        var ticks = [first]
        while ticks.last! < maximum - 1e-9 || ticks.count < 2 { ticks.append(first + Double(ticks.count) * step) }
        self.ticks = ticks
    }

    /// Counts: `0`, `250`, `1,000`.
    static func counts(upTo maximum: Int) -> ValueAxis { ValueAxis(to: Double(max(maximum, 1)), unit: "", whole: true) }

    /// Durations in seconds, labelled in the unit that suits the longest: seconds, minutes, hours or days.
    static func durations(upTo seconds: Double) -> ValueAxis {
        switch seconds {
        case ..<120: return ValueAxis(to: max(seconds, 1), unit: "s")
        case ..<(2 * 3600): return ValueAxis(to: seconds, unit: "min", divisor: 60)
        case ..<(3 * 86_400): return ValueAxis(to: seconds, unit: "h", divisor: 3600)
        default: return ValueAxis(to: seconds, unit: "d", divisor: 86_400)
        }
    }

    /// A tick's label: the value in the axis's unit, thousands separated.
    func label(_ value: Double) -> String {
        let shown = value / divisor
        let whole = shown.rounded() == shown
        let number = whole ? TextCharts.count(Int(shown)) : decimal(shown, places: 1)
        return unit.isEmpty || unit == "%" ? number + unit : number + " " + unit
    }

    /// Where `value` falls between `bottom` (the axis's low end) and `top`.
    func position(_ value: Double, bottom: Double, top: Double) -> Double {
        bottom - (value - low) / (high - low) * (bottom - top)
    }
}
