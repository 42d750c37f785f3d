import HelpScoutArchive
import Testing

@Suite struct Base64Tests {
    func decode(_ text: String) -> [UInt8]? {
        var output: [UInt8] = []
        var text = text
        let ok = text.withUTF8 { Base64.decode(UnsafeRawBufferPointer($0), into: &output) }
        return ok ? output : nil
    }

    @Test func roundTripsEveryLength() {
        for length in 0...70 {
            let bytes = (0..<length).map { UInt8(($0 * 37 + 11) % 256) }
            #expect(decode(Base64.encode(bytes)) == bytes)
        }
    }

    @Test func rejectsWhatIsNotPaddedStandardBase64() {
        #expect(decode("c2hvcnQ") == nil)        // unpadded
        #expect(decode("c2hv cnQ=") == nil)      // white space inside
        #expect(decode("c2h-cnQ=") == nil)       // URL-safe alphabet
        #expect(decode("=c2hvcnQ") == nil)       // padding first
        #expect(decode("%%% not base64 %%%") == nil)
        #expect(decode("c2hvcnQ=") == Array("short".utf8))
    }
}
