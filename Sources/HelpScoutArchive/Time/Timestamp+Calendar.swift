extension Timestamp {
    /// Whole days since 1970-01-01 in UTC.
    package var dayNumber: Int {
        Int((milliseconds >= 0 ? milliseconds : milliseconds - 86_399_999) / 86_400_000)
    }

    /// The UTC calendar day, `2026-10-05`.
    package var day: String { Self.dayString(dayNumber) }

    static func dayString(_ dayNumber: Int) -> String {
        let (year, month, day) = civil(fromDays: dayNumber)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The weekday of a day given as whole days since 1970-01-01: 0 for Monday to 6 for Sunday.
    package static func weekday(ofDay day: Int) -> Int { ((day + 3) % 7 + 7) % 7 }  // 1970-01-01 was a Thursday

    /// RFC 3339 in UTC, with milliseconds only when there are any: `2026-10-05T14:03:07Z`.
    public var rfc3339: String {
        let seconds = Int((milliseconds >= 0 ? milliseconds : milliseconds - 999) / 1000)
        let millis = Int(milliseconds - Int64(seconds) * 1000)
        let days = (seconds >= 0 ? seconds : seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let time =
            "\(Self.pad(secondOfDay / 3600, 2)):\(Self.pad(secondOfDay / 60 % 60, 2)):\(Self.pad(secondOfDay % 60, 2))"
        let fraction = millis == 0 ? "" : "." + Self.pad(millis, 3)
        return "\(Self.dayString(days))T\(time)\(fraction)Z"
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
