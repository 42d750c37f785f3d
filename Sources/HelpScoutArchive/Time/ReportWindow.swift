/// The instants a report is about, `[start, end)` (`report --since --until`); either bound may be
/// open. Every verified event is still read, so a reply in the window to a message written before
/// it is measured; what belongs to the window is decided by one instant of each measure
/// (docs/metrics.md, "A period").
public struct ReportWindow: Sendable, Equatable {
    /// The first instant in the window, in milliseconds since 1970; `Int64.min` when open.
    package let lower: Int64
    /// The first instant after the window; `Int64.max` when open.
    package let upper: Int64
    /// Where the window before starts, when it is not `lower - (upper - lower)`.
    private var precedingLower: Int64?

    /// Every instant.
    public static let unbounded = ReportWindow(lower: .min, upper: .max)

    /// The window from `start` (else the beginning of time) until `end` (else for ever).
    /// - Parameter precedingStart: where the window before starts, when not as long in elapsed
    ///   time (the same number of calendar days across a change of the clocks).
    public init(start: Timestamp?, end: Timestamp?, precedingStart: Timestamp? = nil) {
        self.init(lower: start?.milliseconds ?? .min, upper: end?.milliseconds ?? .max)
        precedingLower = precedingStart?.milliseconds
    }

    package init(lower: Int64, upper: Int64) {
        self.lower = lower
        self.upper = upper
    }

    public var start: Timestamp? { lower == .min ? nil : Timestamp(milliseconds: lower) }
    public var end: Timestamp? { upper == .max ? nil : Timestamp(milliseconds: upper) }

    /// Whether either bound was given.
    public var isBounded: Bool { lower != .min || upper != .max }

    @inline(__always)
    package func contains(_ milliseconds: Int64) -> Bool { lower <= milliseconds && milliseconds < upper }

    /// The days of `zone` a report is about: from the window's start (else the `first` event) to its
    /// end (else the `last` event); nil when that is empty.
    static func days(window: ReportWindow, first: Timestamp?, last: Timestamp?, in zone: ReportTimeZone)
        -> ClosedRange<Int>?
    {
        guard let start = window.start ?? first,
            let end = window.end.map({ Timestamp(milliseconds: $0.milliseconds - 1) }) ?? last, start <= end
        else { return nil }
        return zone.dayNumber(start)...zone.dayNumber(end)
    }

    /// The window of the same length that ends where this one starts; nil unless both bounds are
    /// given.
    public var preceding: ReportWindow? {
        guard lower != .min, upper != .max else { return nil }
        return ReportWindow(lower: precedingLower ?? lower - (upper - lower), upper: lower)
    }
}
