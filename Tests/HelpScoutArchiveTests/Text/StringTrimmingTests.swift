import Testing

@testable import HelpScoutArchive

/// Names and tags are trimmed of Unicode white space by a hand-written White_Space check; every
/// trim goes through `trimming(while:)`.
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

    @Test func trimmingWhileDropsOnlyTheAcceptedElementsAtEitherEnd() {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A }
        #expect(Array(Array(" \n a b \n".utf8).trimming(while: isSpace)) == Array("a b".utf8))
        #expect(Array(Array("ab".utf8).trimming(while: isSpace)) == Array("ab".utf8))
        #expect(Array("  \n".utf8).trimming(while: isSpace).isEmpty)
        #expect([UInt8]().trimming(while: isSpace).isEmpty)
        // Characters: a space that a combining mark joins is not a space.
        #expect(String(" \tkey\t ".trimming(while: { $0 == " " || $0 == "\t" })) == "key")
        #expect(String("key \u{301}".trimming(while: { $0 == " " })) == "key \u{301}")
    }

    @Test func normalisedTagIsTrimmedAndLowerCased() {
        #expect(" VIP\u{A0}".normalisedTag == "vip")
        #expect("Überfällig ".normalisedTag == "überfällig")
        #expect("billing".normalisedTag == "billing")
    }
}
