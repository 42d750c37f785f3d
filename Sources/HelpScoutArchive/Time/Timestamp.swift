/// An instant in UTC with millisecond precision, parsed from RFC 3339 text.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public let milliseconds: Int64

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Orders instants in time.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The later of two optional timestamps; nil only when both are.
    static func later(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let a else { return b }
        guard let b else { return a }
        return a < b ? b : a
    }

    /// Parses `2026-10-05T14:03:07Z`, `…07.125Z`, `…07+00:00`, `…07-05:00` (also `t`/space as the
    /// separator, `z`, `±HHMM`); text without an offset is taken as UTC. Returns nil for anything else
    /// or an impossible date.
    package static func parse(_ text: UnsafeRawBufferPointer) -> Timestamp? {
        parseCommonForm(text) ?? parseAnyForm(text)
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, the form Help Scout writes, read as three 8-byte words; nil for
    /// anything else (which `parseAnyForm` then reads). Bodies hold several timestamps each, and
    /// byte by byte they were about 2% of `report`.
    static func parseCommonForm(_ text: UnsafeRawBufferPointer) -> Timestamp? {
        guard text.count == 24 else { return nil }
        // Per word: which bytes are digits, and what the others must be (little-endian).
        let digitMasks: (UInt64, UInt64, UInt64) = (0x00FF_FF00_FFFF_FFFF, 0xFFFF_00FF_FF00_FFFF, 0x00FF_FFFF_00FF_FF00)
        let separators: (UInt64, UInt64, UInt64) = (0x2D00_002D_0000_0000, 0x0000_3A00_0054_0000, 0x5A00_0000_2E00_003A)
        let zeros: UInt64 = 0x3030_3030_3030_3030
        let highBits: UInt64 = 0x8080_8080_8080_8080
        func digits(_ offset: Int, _ digitMask: UInt64, _ separator: UInt64) -> UInt64? {
            let word = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            guard word & ~digitMask == separator else { return nil }
            // Separators become '0'; then every byte must be a digit: no high bit in the byte, in
            // the byte plus 0x46 (above '9') or in the byte minus '0' (below '0').
            let candidate = word & digitMask | zeros & ~digitMask
            guard (candidate | (candidate &+ 0x4646_4646_4646_4646) | (candidate &- zeros)) & highBits == 0 else {
                return nil
            }
            return candidate &- zeros
        }
        guard let a = digits(0, digitMasks.0, separators.0), let b = digits(8, digitMasks.1, separators.1),
            let c = digits(16, digitMasks.2, separators.2)
        else { return nil }
        func at(_ word: UInt64, _ byte: UInt64) -> Int { Int(truncatingIfNeeded: word >> (8 * byte) & 0xFF) }
        let year = at(a, 0) * 1000 + at(a, 1) * 100 + at(a, 2) * 10 + at(a, 3)
        let month = at(a, 5) * 10 + at(a, 6), day = at(b, 0) * 10 + at(b, 1)
        let hour = at(b, 3) * 10 + at(b, 4), minute = at(b, 6) * 10 + at(b, 7), second = at(c, 1) * 10 + at(c, 2)
        let millis = at(c, 4) * 100 + at(c, 5) * 10 + at(c, 6)
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        let seconds =
            Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        return Timestamp(milliseconds: seconds * 1000 + Int64(millis))
    }

    /// Every accepted form, byte by byte.
    static func parseAnyForm(_ text: UnsafeRawBufferPointer) -> Timestamp? {
        let count = text.count
        guard count >= 19 else { return nil }
        func digits(_ at: Int, _ length: Int) -> Int? {
            guard at + length <= count else { return nil }
            var value = 0
            for i in at..<(at + length) {
                let digit = text[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = digits(0, 4), text[4] == UInt8(ascii: "-"),
            let month = digits(5, 2), text[7] == UInt8(ascii: "-"),
            let day = digits(8, 2),
            text[10] == UInt8(ascii: "T") || text[10] == UInt8(ascii: "t") || text[10] == UInt8(ascii: " "),
            let hour = digits(11, 2), text[13] == UInt8(ascii: ":"),
            let minute = digits(14, 2), text[16] == UInt8(ascii: ":"),
            let second = digits(17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second <= 60
        else { return nil }
        var index = 19
        var millis = 0
        if index < count && text[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            var scale = 100
            while index < count, text[index] &- UInt8(ascii: "0") < 10 {
                millis += Int(text[index] - UInt8(ascii: "0")) * scale
                scale /= 10
                index += 1
            }
            guard index > fractionStart else { return nil }
        }
        var offsetMinutes = 0
        if index < count {
            let sign = text[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                index += 1
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                guard let offsetHours = digits(index + 1, 2) else { return nil }
                var minutesAt = index + 3
                if minutesAt < count && text[minutesAt] == UInt8(ascii: ":") { minutesAt += 1 }
                guard minutesAt + 2 <= count, let minutes = digits(minutesAt, 2),
                    offsetHours < 24, minutes < 60
                else { return nil }
                offsetMinutes = (offsetHours * 60 + minutes) * (sign == UInt8(ascii: "-") ? -1 : 1)
                index = minutesAt + 2
            } else {
                return nil
            }
        }
        guard index == count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return Timestamp(milliseconds: seconds * 1000 + Int64(millis))
    }

    /// Parses a Swift string; see `parse(_:)` for the accepted forms.
    public static func parse(_ text: String) -> Timestamp? {
        var text = text
        return text.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
