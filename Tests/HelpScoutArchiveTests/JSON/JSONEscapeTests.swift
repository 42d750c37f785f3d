import Testing

@testable import HelpScoutArchive

/// The one escape decoder that the scanners and the unescaper share.
@Suite struct JSONEscapeTests {
    /// The escape at the start of `text`: how many bytes it takes and the UTF-8 it stands for.
    func decode(_ text: String) -> (length: Int, utf8: [UInt8], unpaired: Bool)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            let start = buffer.baseAddress!
            guard let (after, scalar, unpaired) = JSONEscape.decode(start, start + buffer.count) else { return nil }
            var out = [UInt8](repeating: 0, count: 4)
            let count = out.withUnsafeMutableBufferPointer { JSONEscape.writeUTF8(scalar, to: $0.baseAddress!) }
            return (after - start, Array(out[..<count]), unpaired)
        }
    }

    @Test(arguments: [
        (#"\""#, "\""), (#"\\"#, "\\"), (#"\/"#, "/"), (#"\b"#, "\u{8}"), (#"\f"#, "\u{C}"), (#"\n"#, "\n"),
        (#"\r"#, "\r"), (#"\t"#, "\t"), (#"\u0041"#, "A"), (#"\u00e9"#, "é"), (#"\u20AC"#, "€"),
        (#"\uD83D\uDE00"#, "😀"), (#"\ud83d\ude00x"#, "😀"),
    ])
    func everyEscapeStandsForItsScalarAndIsNoShorterThanItsUTF8(_ escape: String, _ value: String) {
        let decoded = decode(escape)
        #expect(decoded?.utf8 == Array(value.utf8))
        #expect(decoded?.unpaired == false)
        if let decoded { #expect(decoded.length >= decoded.utf8.count) }
    }

    @Test func halfASurrogatePairIsTheReplacementCharacterAndFlagged() {
        for escape in [#"\uD83D"#, #"\uDE00"#, #"\uD83Dx"#, #"\uD83D\n"#, #"\uD83D\uD83D"#, #"\uDE00\uD83D"#] {
            let decoded = decode(escape)
            #expect(decoded?.length == 6, "\(escape)")
            #expect(decoded?.utf8 == Array("\u{FFFD}".utf8), "\(escape)")
            #expect(decoded?.unpaired == true, "\(escape)")
        }
    }

    @Test func whatIsNoEscapeIsRejected() {
        for text in [#"\x"#, #"\'"#, #"\u12G4"#, #"\u12"#, #"\U0041"#, "\\"] {
            #expect(decode(text) == nil, "\(text)")
        }
    }

    @Test func theUnescaperCopiesABackslashThatStartsNoEscape() {
        // Content the scanner did not validate: no crash, nothing lost.
        for (raw, expected) in [(#"a\qb"#, #"a\qb"#), (#"end\"#, #"end\"#), (#"\u12"#, #"\u12"#), (#"\n\"#, "\n\\")] {
            var text = raw
            #expect(text.withUTF8 { JSONUnescaper.string(UnsafeRawBufferPointer($0)) } == expected)
        }
    }
}
