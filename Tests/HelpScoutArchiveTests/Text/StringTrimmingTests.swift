@testable import HelpScoutArchive
import Testing

/// Names and tags are trimmed of Unicode white space by a hand-written White_Space check.
@Suite struct StringTrimmingTests {
    @Test func whiteSpaceIsUnicodesWhiteSpacePropertyForEveryScalar() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isWhiteSpace != scalar.properties.isWhitespace { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty)
    }

    @Test(arguments: [
        ("Chloé", "Chloé"), ("  Chloé ", "Chloé"), ("\u{3000}Satō\u{A0}", "Satō"), ("\tAna\r\n", "Ana"),
        ("Mary Ann", "Mary Ann"), ("\u{2003}", ""), ("   ", ""), ("", ""), ("é", "é"), ("\u{85}x\u{202F}", "x"),
    ])
    func trimmedDropsLeadingAndTrailingWhiteSpaceOnly(_ text: String, _ expected: String) {
        #expect(text.trimmed == expected)
    }

    @Test func normalisedTagIsTrimmedAndLowerCased() {
        #expect(" VIP\u{A0}".normalisedTag == "vip")
        #expect("Überfällig ".normalisedTag == "überfällig")
        #expect("billing".normalisedTag == "billing")
    }
}
