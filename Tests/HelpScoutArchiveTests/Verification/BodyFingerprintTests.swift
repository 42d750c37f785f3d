import Testing

@testable import HelpScoutArchive

@Suite struct BodyFingerprintTests {
    func fingerprint(_ bytes: [UInt8], kernels: KernelChoice = .configured) -> BodyFingerprint {
        bytes.withUnsafeBytes { BodyFingerprint($0, kernels: kernels) }
    }

    @Test(arguments: KernelChoice.distinct)
    func everyOneByteChangeAndEveryLengthGivesAnotherFingerprint(kernels: KernelChoice) {
        func fingerprint(_ bytes: [UInt8]) -> BodyFingerprint { self.fingerprint(bytes, kernels: kernels) }
        var seen = Set<BodyFingerprint>()
        var total = 0
        for length in [Int](0...70) + [127, 128, 129, 1023, 1024, 1025, 3000] {
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

    @Test(arguments: KernelChoice.distinct)
    func equalBodiesAreEqualAndZeroPaddingCounts(kernels: KernelChoice) {
        func fingerprint(_ bytes: [UInt8]) -> BodyFingerprint { self.fingerprint(bytes, kernels: kernels) }
        #expect(fingerprint(Array("{\"id\":1}".utf8)) == fingerprint(Array("{\"id\":1}".utf8)))
        #expect(fingerprint([]) != fingerprint([0]))
        #expect(fingerprint([0]) != fingerprint([0, 0]))
        #expect(fingerprint([UInt8](repeating: 0, count: 64)) != fingerprint([UInt8](repeating: 0, count: 63)))
        #expect(fingerprint([UInt8](repeating: 7, count: 3000)) == fingerprint([UInt8](repeating: 7, count: 3000)))
    }
}
