import HelpScoutArchive
import Testing

@Suite struct BodyFingerprintTests {
    func fingerprint(_ bytes: [UInt8]) -> BodyFingerprint { bytes.withUnsafeBytes(BodyFingerprint.init) }

    @Test func everyOneByteChangeAndEveryLengthGivesAnotherFingerprint() {
        var seen = Set<BodyFingerprint>()
        var total = 0
        for length in 0...70 {
            let body = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            seen.insert(fingerprint(body))
            total += 1
            for position in 0..<length {
                for flip: UInt8 in [1, 0x80] {
                    var changed = body
                    changed[position] ^= flip
                    seen.insert(fingerprint(changed))
                    total += 1
                }
            }
        }
        #expect(seen.count == total)
    }

    @Test func equalBodiesAreEqualAndZeroPaddingCounts() {
        #expect(fingerprint(Array("{\"id\":1}".utf8)) == fingerprint(Array("{\"id\":1}".utf8)))
        #expect(fingerprint([]) != fingerprint([0]))
        #expect(fingerprint([0]) != fingerprint([0, 0]))
    }
}
