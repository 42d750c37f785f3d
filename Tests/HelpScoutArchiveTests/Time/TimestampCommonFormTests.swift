import HelpScoutArchiveSamples
import Testing

@testable import HelpScoutArchive

/// The word-at-a-time reader of `YYYY-MM-DDTHH:MM:SS.mmmZ` must agree with the byte-by-byte parser
/// wherever it answers, and answer for every valid time of that form.
@Suite struct TimestampCommonFormTests {
    static func both(_ text: [UInt8]) -> (common: Timestamp?, any: Timestamp?) {
        text.withUnsafeBytes { (Timestamp.parseCommonForm($0), Timestamp.parseAnyForm($0)) }
    }

    @Test func everyDayOfLeapAndCommonYearsAgrees() {
        var answered = 0
        for year in [1969, 1970, 2000, 2024, 2026, 2100, 9999] {
            for month in 0...13 {
                for day in [0, 1, 15, 28, 29, 30, 31, 32] {
                    let text = String(format: "%04d-%02d-%02dT23:59:60.999Z", year, month, day)
                    let (common, any) = Self.both(Array(text.utf8))
                    #expect(common == any, "\(text)")
                    if common != nil { answered += 1 }
                }
            }
        }
        #expect(answered > 300)
    }

    @Test func damagedTimesAgree() {
        var random = SampleRandom(seed: 24)
        let template = Array("2026-10-18T10:01:21.622Z".utf8)
        let bytes: [UInt8] = Array("0123456789-:.TtZz +/\u{7F}".utf8) + [0x00, 0x2F, 0x3A, 0x80, 0xB9, 0xBA, 0xFF]
        var accepted = 0, rejected = 0
        for _ in 0..<50_000 {
            var text = template
            for _ in 0..<(1 + Int(random.next() % 2)) {
                text[Int(random.next() % UInt64(text.count))] = bytes[Int(random.next() % UInt64(bytes.count))]
            }
            let (common, any) = Self.both(text)
            if let common {
                #expect(common == any, "\(String(decoding: text, as: UTF8.self))")
                accepted += 1
            } else {
                // Only what is not this exact form, or not a valid time, is left to the general parser.
                let general = text.withUnsafeBytes { Timestamp.parse($0) }
                #expect(general == any)
                if any == nil { rejected += 1 }
            }
        }
        #expect(accepted > 5_000 && rejected > 5_000, "\(accepted) accepted, \(rejected) rejected")
    }
}
