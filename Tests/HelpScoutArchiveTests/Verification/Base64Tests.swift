import HelpScoutArchiveSamples
import Testing

@testable import HelpScoutArchive

@Suite struct Base64Tests {
    func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var text = text
        let ok: Bool = text.withUTF8 { Base64.decode(UnsafeRawBufferPointer($0), into: &output) }
        return ok ? output : nil
    }

    @Test func roundTripsEveryLength() {
        for length in 0...70 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(decode(Base64.encode(bytes)) == bytes)
        }
    }

    @Test func rejectsWhatIsNotPaddedStandardBase64() {
        #expect(decode("c2hvcnQ") == nil)  // unpadded
        #expect(decode("c2hv cnQ=") == nil)  // white space inside
        #expect(decode("c2h-cnQ=") == nil)  // URL-safe alphabet
        #expect(decode("=c2hvcnQ") == nil)  // padding first
        #expect(decode("%%% not base64 %%%") == nil)
        #expect(decode("c2hvcnQ=") == Array("short".utf8))
    }
}

/// The AVX-512 kernel against the four-characters-at-a-time loop: the same bytes, the same rejections.
@Suite struct Base64KernelTests {
    static func decode(_ text: [UInt8], kernels: KernelChoice) -> [UInt8]? {
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: text.count / 4 * 3 + 1)
        defer { output.deallocate() }
        return text.withUnsafeBytes { Base64.decode($0, into: output, kernels: kernels) }
            .map { Array(UnsafeBufferPointer(start: output, count: $0)) }
    }

    @Test(.whereTheKernelsRun)
    func bothWaysDecodeEveryLengthAlike() {
        var random = SampleRandom(seed: 6)
        for length in 0...400 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let text = Array(Base64.encode(bytes).utf8)
            #expect(Self.decode(text, kernels: .best) == bytes, "\(length) bytes")
            #expect(Self.decode(text, kernels: .scalar) == bytes, "\(length) bytes")
        }
    }

    @Test(.whereTheKernelsRun)
    func aForeignCharacterAnywhereIsRejectedBothWays() {
        let bytes = (0..<200).map { UInt8(($0 * 53 + 7) % 256) }
        let text = Array(Base64.encode(bytes).utf8)
        for position in text.indices {
            for foreign in Array("-_= .\n*".utf8) + [0x00, 0x7F, 0x80, 0xAB, 0xFF] {
                var damaged = text
                damaged[position] = foreign
                let fast = Self.decode(damaged, kernels: .best)
                #expect(fast == Self.decode(damaged, kernels: .scalar), "\(foreign) at \(position)")
                // Only padding where padding may stand decodes at all.
                if fast != nil { #expect(foreign == UInt8(ascii: "=") && position >= text.count - 2) }
            }
        }
    }
}
