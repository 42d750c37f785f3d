import Testing

@testable import HelpScoutArchive

@Suite struct OfficeHoursTests {
    let newYork = ReportTimeZone(identifier: "America/New_York")!

    func hours(_ schedule: OfficeHours, _ from: String, _ to: String, _ zone: ReportTimeZone) -> Double {
        Double(schedule.officeMilliseconds(from: Timestamp.parse(from)!, to: Timestamp.parse(to)!, in: zone))
            / 3_600_000
    }

    /// Friday 2026-10-09 16:00 to Monday 10:00 in New York (UTC-4): one hour on Friday, one on
    /// Monday, none over the weekend.
    @Test func aResponseAcrossAWeekendCountsOnlyWeekdayHours() throws {
        let schedule = try OfficeHours(parsing: "Mon-Fri 09:00-17:00")
        #expect(hours(schedule, "2026-10-09T20:00:00Z", "2026-10-12T14:00:00Z", newYork) == 2)
        // The same instants read in UTC: Friday 20:00 is after hours; Monday 09:00-14:00 is five.
        #expect(hours(schedule, "2026-10-09T20:00:00Z", "2026-10-12T14:00:00Z", .utc) == 5)
        // Starting and ending outside office hours, with none between: zero, still a sample.
        #expect(hours(schedule, "2026-10-10T15:00:00Z", "2026-10-11T15:00:00Z", newYork) == 0)
    }

    /// Monday 2026-10-12 is a holiday: Friday 16:00 to Tuesday 10:00 is Friday's hour and Tuesday's.
    @Test func aHolidayHasNoOfficeHours() throws {
        var schedule = try OfficeHours(parsing: "Mon-Fri 09:00-17:00")
        schedule.holidays = try OfficeHours.holidays(
            parsing: "# US holidays\n2026-10-12  # Columbus Day\n\n", file: "holidays.txt")
        #expect(hours(schedule, "2026-10-09T20:00:00Z", "2026-10-13T14:00:00Z", newYork) == 2)
    }

    /// A holidays file saved on Windows (CRLF), or an old Mac (CR), or with a byte-order mark, reads
    /// as the same dates: each line numbered as an editor shows it.
    @Test func holidaysFileWithCRLFLineEndsOrAByteOrderMarkReadsTheSameDates() throws {
        let dates: Set<Int> = [
            Timestamp.parse("2026-10-09T00:00:00Z")!.dayNumber, Timestamp.parse("2026-10-12T00:00:00Z")!.dayNumber,
        ]
        for text in [
            "2026-10-09\r\n2026-10-12\r\n", "2026-10-09\r2026-10-12", "\u{FEFF}2026-10-09\n# a comment\r\n2026-10-12\n",
        ] {
            #expect(try OfficeHours.holidays(parsing: text, file: "h.txt") == dates, "\(text.debugDescription)")
        }
        #expect(throws: OfficeHoursError.holidays(file: "h.txt", line: 3, "2026-13-01")) {
            try OfficeHours.holidays(parsing: "2026-10-09\r\n\r\n2026-13-01\r\n", file: "h.txt")
        }
    }

    /// On Sunday 2026-11-01 New York's clocks go back an hour. A schedule open every day 00:00-24:00
    /// counts 24 office hours that day though it lasts 25; 09:00-17:00 is eight hours either side.
    @Test func officeTimeIsWallClockTimeAcrossADaylightSavingChange() throws {
        let allDay = try OfficeHours(parsing: "Mon-Sun 00:00-24:00")
        #expect(hours(allDay, "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", newYork) == 24)
        let office = try OfficeHours(parsing: "Sat-Sun 09:00-17:00")
        // Saturday 09:00 EDT (13:00Z) to Sunday 17:00 EST (22:00Z): eight hours each day.
        #expect(hours(office, "2026-10-31T13:00:00Z", "2026-11-01T22:00:00Z", newYork) == 16)
    }

    @Test func schedulesWithSeveralEntriesWrappingRangesAndMidnight() throws {
        let schedule = try OfficeHours(parsing: "Mon-Thu 08:30-17:30,Fri 08:30-13:00, sat-sun 22:00-24:00")
        // Thursday 2026-10-08 08:00 to Friday 14:00 UTC: 9 h on Thursday and 4.5 h on Friday.
        #expect(hours(schedule, "2026-10-08T08:00:00Z", "2026-10-09T14:00:00Z", .utc) == 13.5)
        // Saturday 23:00 to Sunday 23:00: one hour each night.
        #expect(hours(schedule, "2026-10-10T23:00:00Z", "2026-10-11T23:00:00Z", .utc) == 2)
        #expect(
            try OfficeHours(parsing: "Fri-Mon 10:00-11:00").officeMilliseconds(
                from: Timestamp.parse("2026-10-09T00:00:00Z")!, to: Timestamp.parse("2026-10-13T00:00:00Z")!, in: .utc)
                == 4 * 3_600_000)
    }

    @Test func whatIsNotASchedule() {
        for text in [
            "", "Mon-Fri", "09:00-17:00", "Mon-Fri 17:00-09:00", "Mon-Fri 9:00-17:00", "Mon-Fri 09:00-24:30",
            "Monday 09:00-17:00", "Mon-Fri 09:00-17:00,", "Mon-Fri 24:00-24:00",
        ] {
            #expect(throws: OfficeHoursError.self, "\(text)") { try OfficeHours(parsing: text) }
        }
        #expect(throws: OfficeHoursError.holidays(file: "h.txt", line: 2, "2026-13-01")) {
            try OfficeHours.holidays(parsing: "2026-10-12\n2026-13-01\n", file: "h.txt")
        }
    }

    /// A schedule that cannot be read says what is wrong with it: an overnight range got only
    /// "write a day or days and a time range", which it was.
    @Test func aScheduleThatCannotBeReadSaysWhy() {
        for (text, why) in [
            ("Mon-Fri 17:00-09:00", "hours past midnight are an entry of their own"),
            ("Mon-Fri 25:00-26:00", "'25:00-26:00' holds a time that is not HH:MM from 00:00 to 24:00"),
            ("Mon-Fri 09:00-17:00,", "an entry is empty"),
            ("Monday 09:00-17:00", "'Monday' is not a day or a range of days"),
            ("Mon\u{1B}[2J 09:00-17:00", "'Mon\\u001b[2J' is not a day"),
        ] {
            do {
                _ = try OfficeHours(parsing: text)
                Issue.record("\(text) was read")
            } catch {
                #expect(error.message.contains(why), "\(error.message)")
            }
        }
    }
}
