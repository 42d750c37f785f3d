import HelpScoutArchive
import Testing

@Suite struct TimestampTests {
    @Test func parsesTheSpecsFormsHonouringOffsets() {
        let base = Timestamp.parse("2026-10-05T14:03:07Z")!
        #expect(Timestamp.parse("2026-10-05T14:03:07.125Z")!.milliseconds == base.milliseconds + 125)
        #expect(Timestamp.parse("2026-10-05T14:03:07+00:00") == base)
        #expect(Timestamp.parse("2026-10-05T09:03:07-05:00") == base)
        #expect(Timestamp.parse("2026-10-05T16:03:07+0200") == base)
        #expect(Timestamp.parse("2026-10-05t14:03:07z") == base)
        #expect(Timestamp.parse("2026-10-05T14:03:07") == base)
        #expect(base.milliseconds == 1_791_208_987_000)  // from Python's datetime
        #expect(base.rfc3339 == "2026-10-05T14:03:07Z")
    }

    @Test(arguments: [
        "", "2026-10-05", "2026-13-05T00:00:00Z", "2026-10-05T14:03:07+", "2026-10-05T14:03:07-0",
        "2026-02-29T00:00:00Z", "2026-10-05T24:00:00Z",
        "2026-10-05T14:03:07.Z", "2026-10-05T14:03:07+25:00", "2026-10-05T14:03:07 UTC", "not a time",
    ])
    func rejectsWhatIsNotATime(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func daysAreUTCCalendarDays() {
        #expect(Timestamp.parse("2026-10-05T23:30:00-02:00")!.day == "2026-10-06")
        #expect(Timestamp.parse("1969-12-31T23:59:59Z")!.day == "1969-12-31")
        #expect(Timestamp.parse("2024-02-29T12:00:00Z")!.day == "2024-02-29")
    }

    @Test(arguments: [
        ("2026-10-05T00:00:00Z", "2026-W41"), ("2026-10-11T23:59:59Z", "2026-W41"),
        ("2026-01-01T00:00:00Z", "2026-W01"),
        ("2027-01-01T00:00:00Z", "2026-W53"), ("2021-01-03T00:00:00Z", "2020-W53"),
        ("2024-12-30T00:00:00Z", "2025-W01"),
    ])
    func weeksAreISOWeeks(_ time: String, _ week: String) {
        #expect(ISOWeek(Timestamp.parse(time)!).text == week)
    }

    @Test func formatsMillisecondsOnlyWhenThereAreAny() {
        #expect(Timestamp.parse("2026-10-05T14:03:07.5Z")!.rfc3339 == "2026-10-05T14:03:07.500Z")
        #expect(Timestamp.parse("1969-12-31T23:59:59.250Z")!.rfc3339 == "1969-12-31T23:59:59.250Z")
    }
}
