import Foundation

/// The time zone a report's days, weeks and hours are in: its offsets from UTC read once from the
/// system's tz database (Foundation's `TimeZone`), then looked up per event without a call into
/// the database (a binary search over the zone's transitions).
public struct ReportTimeZone: Sendable, Equatable {
    /// The IANA name, `America/New_York`, or `UTC`.
    public let identifier: String
    /// Instants (milliseconds since 1970) at which the offset changes, ascending.
    private let transitions: [Int64]
    /// Offsets in seconds: `offsets[0]` before the first transition, `offsets[i + 1]` from
    /// `transitions[i]` on.
    private let offsets: [Int32]
    /// For each span of 2^32 ms (about 50 days) from 1970 to the table's end, the index in
    /// `transitions` of the first transition after the span's start: a lookup starts there and
    /// steps over the few transitions inside the span, instead of searching all of them (the
    /// offset is looked up for every event, and several times for each conversation's metrics).
    private let spanStarts: [UInt16]
    /// The zone, for instants outside the years the table covers.
    private let zone: TimeZone

    /// UTC: no offset, ever.
    public static let utc = ReportTimeZone(utc: ())

    private init(utc: Void) {
        identifier = "UTC"
        transitions = []
        offsets = [0]
        spanStarts = []
        zone = TimeZone(identifier: "UTC")!
    }

    /// The zone of an IANA name (`Europe/Berlin`), or nil when the tz database does not know it.
    /// Transitions from 1970 to 2100 are read at once.
    public init?(identifier: String) {
        guard identifier != "UTC" else {
            self = .utc
            return
        }
        // Foundation also takes offsets (`GMT+2`, which it renames `GMT+0200`); a name of the tz
        // database is asked for, so the name must come back as it was given.
        guard let zone = TimeZone(identifier: identifier), zone.identifier == identifier else { return nil }
        self.identifier = identifier
        self.zone = zone
        var transitions: [Int64] = []
        var offsets: [Int32] = [Int32(zone.secondsFromGMT(for: Date(timeIntervalSince1970: 0)))]
        var instant = Date(timeIntervalSince1970: 0)
        let end = Date(timeIntervalSince1970: Self.tableEnd)
        while let next = zone.nextDaylightSavingTimeTransition(after: instant), next < end {
            let offset = Int32(zone.secondsFromGMT(for: next))
            if offset != offsets.last {
                transitions.append(Int64((next.timeIntervalSince1970 * 1000).rounded()))
                offsets.append(offset)
            }
            instant = next
        }
        self.transitions = transitions
        self.offsets = offsets
        var spanStarts: [UInt16] = []
        var index = 0
        for span in 0...(Self.tableEndMilliseconds >> Self.spanShift) {
            while index < transitions.count && transitions[index] <= span << Self.spanShift { index += 1 }
            spanStarts.append(UInt16(index))
        }
        self.spanStarts = spanStarts
    }

    private static let spanShift: Int64 = 32
    private static let tableEndMilliseconds = Int64(tableEnd) * 1000

    /// 2100-01-01T00:00:00Z: instants after it ask the tz database each time.
    private static let tableEnd: TimeInterval = 4_102_444_800

    /// The zone's offset from UTC at `time`, in seconds.
    public func offsetSeconds(at time: Timestamp) -> Int {
        let milliseconds = time.milliseconds
        guard milliseconds >= 0 && milliseconds < Self.tableEndMilliseconds else {
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        guard !transitions.isEmpty else { return Int(offsets[0]) }
        var index = Int(spanStarts[Int(milliseconds >> Self.spanShift)])
        while index < transitions.count && transitions[index] <= milliseconds { index += 1 }
        return Int(offsets[index])
    }

    /// The zone's calendar day of `time` (`dayNumber`), and the instants around it that are on that
    /// day at the same offset: every instant in them has that day number, so a caller counting
    /// instants in time order can skip the look-up until one falls outside. Outside the years the
    /// table covers, the span is `time` alone.
    package func daySpan(_ time: Timestamp) -> (day: Int, instants: Range<Int64>) {
        let milliseconds = time.milliseconds
        let day = dayNumber(time)
        guard milliseconds >= 0 && milliseconds < Self.tableEndMilliseconds else {
            return (day, milliseconds..<(milliseconds + 1))
        }
        // The span of the offset in force: from the transition before to the one after.
        var index = transitions.isEmpty ? 0 : Int(spanStarts[Int(milliseconds >> Self.spanShift)])
        while index < transitions.count && transitions[index] <= milliseconds { index += 1 }
        let offsetFrom = index == 0 ? Int64.min : transitions[index - 1]
        let offsetUntil = index == transitions.count ? Int64.max : transitions[index]
        let offset = Int64(offsets[index]) * 1000
        let dayStart = Int64(day) * 86_400_000 - offset
        // Clipped to the table's years too: outside them, offsets come from the database.
        return (
            day,
            max(dayStart, offsetFrom, 0)..<min(dayStart + 86_400_000, offsetUntil, Self.tableEndMilliseconds)
        )
    }

    /// Milliseconds since 1970-01-01T00:00 of the zone's wall clock: the instant as that clock reads it.
    package func wallClock(_ time: Timestamp) -> Int64 {
        time.milliseconds + Int64(offsetSeconds(at: time)) * 1000
    }

    /// Whole days since 1970-01-01 of the zone's calendar.
    package func dayNumber(_ time: Timestamp) -> Int {
        Timestamp(milliseconds: wallClock(time)).dayNumber
    }

    /// The hour of the zone's wall clock, 0-23.
    package func hour(_ time: Timestamp) -> Int {
        let wall = wallClock(time)
        let dayStart = Int64(Timestamp(milliseconds: wall).dayNumber) * 86_400_000
        return Int((wall - dayStart) / 3_600_000)
    }

    /// The instant as this zone's clock shows it, for people: RFC 3339 with the zone's offset
    /// (`2026-10-04T20:32:07.218-04:00`); in UTC exactly `Timestamp.rfc3339` (`…Z`).
    package func rfc3339(_ time: Timestamp) -> String {
        let offset = offsetSeconds(at: time)
        guard self != .utc || offset != 0 else { return time.rfc3339 }
        let local = Timestamp(milliseconds: wallClock(time)).rfc3339.dropLast()  // its `Z`
        let magnitude = abs(offset) / 60
        return local + (offset < 0 ? "-" : "+") + Timestamp.pad(magnitude / 60, 2) + ":"
            + Timestamp.pad(magnitude % 60, 2)
    }

    /// The instant the zone's calendar day `day` (days since 1970-01-01) begins: its midnight, or on
    /// a day whose midnight the clocks skip, the first instant of the day.
    package func startOfDay(_ day: Int) -> Timestamp {
        let wall = Int64(day) * 86_400_000
        // The offset at the guess decides the instant; two rounds settle a change of offset near it.
        var instant = wall - Int64(offsetSeconds(at: Timestamp(milliseconds: wall))) * 1000
        instant = wall - Int64(offsetSeconds(at: Timestamp(milliseconds: instant))) * 1000
        while dayNumber(Timestamp(milliseconds: instant)) < day { instant += 60_000 }
        return Timestamp(milliseconds: instant)
    }
}
