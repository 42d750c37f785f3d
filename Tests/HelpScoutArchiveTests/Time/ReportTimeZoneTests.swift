import Foundation
import Testing

@testable import HelpScoutArchive

@Suite struct ReportTimeZoneTests {
    func at(_ text: String) -> Timestamp { Timestamp.parse(text)! }

    /// New York is UTC-4 in summer and UTC-5 in winter; in 2026 the clocks go back on November 1 at
    /// 02:00 local (06:00 UTC), so that day has 25 hours.
    @Test func daysWestOfUTCFollowDaylightSavingTime() throws {
        let zone = try #require(ReportTimeZone(identifier: "America/New_York"))
        #expect(zone.offsetSeconds(at: at("2026-10-05T12:00:00Z")) == -4 * 3600)
        #expect(zone.offsetSeconds(at: at("2026-11-01T05:59:59Z")) == -4 * 3600)
        #expect(zone.offsetSeconds(at: at("2026-11-01T06:00:00Z")) == -5 * 3600)
        // 02:30 UTC on October 6 is still October 5 in New York.
        #expect(Timestamp.dayString(zone.dayNumber(at("2026-10-06T02:30:00Z"))) == "2026-10-05")
        #expect(zone.hour(at("2026-10-06T02:30:00Z")) == 22)
        // November 1, 2026 runs from 04:00 UTC to 05:00 UTC the next day: 25 hours.
        #expect(Timestamp.dayString(zone.dayNumber(at("2026-11-01T03:59:59Z"))) == "2026-10-31")
        #expect(Timestamp.dayString(zone.dayNumber(at("2026-11-01T04:00:00Z"))) == "2026-11-01")
        #expect(Timestamp.dayString(zone.dayNumber(at("2026-11-02T04:59:59Z"))) == "2026-11-01")
        #expect(Timestamp.dayString(zone.dayNumber(at("2026-11-02T05:00:00Z"))) == "2026-11-02")
    }

    /// Every instant of a day span has the span's day, and the instants just outside it either
    /// another day or another offset: checked every 10 minutes over two years, in zones whose clocks
    /// change at midnight (Santiago, and São Paulo until 2019, went back from 00:00 to 23:00) or
    /// skip a whole day (Apia, December 30, 2011).
    @Test(arguments: ["America/New_York", "America/Santiago", "America/Sao_Paulo", "Pacific/Apia", "Asia/Kolkata"])
    func aDaySpanHoldsOnlyInstantsOfItsDay(_ name: String) throws {
        let zone = try #require(ReportTimeZone(identifier: name))
        for year in [2011, 2018] {
            let start = at("\(year)-01-01T00:00:00Z").milliseconds
            var time = start
            while time < start + 366 * 86_400_000 {
                let (day, instants) = zone.daySpan(Timestamp(milliseconds: time))
                #expect(instants.contains(time) && day == zone.dayNumber(Timestamp(milliseconds: time)))
                for edge in [instants.lowerBound, instants.upperBound - 1] {
                    #expect(zone.dayNumber(Timestamp(milliseconds: edge)) == day, "\(name) \(edge)")
                }
                for outside in [instants.lowerBound - 1, instants.upperBound] {
                    let other = Timestamp(milliseconds: outside)
                    #expect(
                        zone.dayNumber(other) != day
                            || zone.offsetSeconds(at: other) != zone.offsetSeconds(at: Timestamp(milliseconds: time)),
                        "\(name) \(outside)")
                }
                time += 600_000
            }
        }
    }

    /// The table agrees with the tz database at every hour of two years, in zones with half-hour and
    /// southern-hemisphere rules.
    @Test(arguments: ["Europe/Berlin", "Australia/Adelaide", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"])
    func theTableAgreesWithTheDatabaseHourByHour(_ name: String) throws {
        let zone = try #require(ReportTimeZone(identifier: name))
        let foundation = try #require(TimeZone(identifier: name))
        var seconds: Int64 = 1_767_225_600  // 2026-01-01T00:00:00Z
        while seconds < 1_830_297_600 {  // 2028-01-01
            let time = Timestamp(milliseconds: seconds * 1000)
            #expect(
                zone.offsetSeconds(at: time)
                    == foundation.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))),
                "\(name) at \(time.rfc3339)")
            seconds += 3600
        }
    }

    /// Lookups start from a table of 50-day spans: every seven hours from 1970 to 2100, and at
    /// the edges of the table, the offset is the tz database's, in zones that changed rules often.
    @Test(arguments: ["America/New_York", "Europe/Moscow", "America/Santiago"])
    func theSpanTableAgreesWithTheDatabaseFrom1970To2100(_ name: String) throws {
        let zone = try #require(ReportTimeZone(identifier: name))
        let foundation = try #require(TimeZone(identifier: name))
        var mismatches: [Int64] = []
        var seconds: Int64 = -7 * 3600
        while seconds < 4_102_444_800 + 7 * 3600 {
            let offset = zone.offsetSeconds(at: Timestamp(milliseconds: seconds * 1000))
            if offset != foundation.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))) {
                mismatches.append(seconds)
            }
            seconds += 7 * 3600
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(5))")
    }

    @Test func daysStartAtTheZonesMidnightAndTimesShowItsOffset() throws {
        let zone = try #require(ReportTimeZone(identifier: "America/New_York"))
        func start(_ day: String) -> String {
            zone.startOfDay(Timestamp.parse(day + "T00:00:00Z")!.dayNumber).rfc3339
        }
        #expect(start("2026-10-05") == "2026-10-05T04:00:00Z")
        #expect(start("2026-11-01") == "2026-11-01T04:00:00Z")
        #expect(start("2026-11-02") == "2026-11-02T05:00:00Z")
        #expect(zone.rfc3339(at("2026-10-06T00:32:07.218Z")) == "2026-10-05T20:32:07.218-04:00")
        #expect(
            ReportTimeZone(identifier: "Asia/Kolkata")!.rfc3339(at("2026-10-06T00:00:00Z"))
                == "2026-10-06T05:30:00+05:30")
        #expect(ReportTimeZone.utc.rfc3339(at("2026-10-06T00:00:00Z")) == "2026-10-06T00:00:00Z")
        // Santiago's clocks skip from 00:00 to 01:00 on 2026-09-06: that day starts at 01:00 there.
        let santiago = try #require(ReportTimeZone(identifier: "America/Santiago"))
        let skipped = santiago.startOfDay(Timestamp.parse("2026-09-06T00:00:00Z")!.dayNumber)
        #expect(santiago.rfc3339(skipped) == "2026-09-06T01:00:00-03:00")
    }

    @Test func utcAndUnknownNames() {
        #expect(ReportTimeZone(identifier: "UTC") == .utc)
        #expect(ReportTimeZone.utc.offsetSeconds(at: at("2026-07-01T00:00:00Z")) == 0)
        for name in ["Mars/Olympus_Mons", "GMT+2", "", "america/new_york", "../etc/passwd"] {
            #expect(ReportTimeZone(identifier: name) == nil, "\(name)")
        }
    }
}
