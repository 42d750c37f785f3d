import Foundation
import Testing

@testable import HelpScoutArchive

@Suite struct DisplaySafeTests {
    @Test(arguments: [
        ("plain text", "plain text"), ("Ana Lima — café, 東京", "Ana Lima — café, 東京"),
        ("\u{1B}[2Jcleared", "\\u001b[2Jcleared"), ("two\nlines\r", "two\\nlines\\r"), ("tab\there", "tab\\there"),
        ("\u{9B}31m", "\\u009b31m"), ("\u{7F}", "\\u007f"),
        ("invoice\u{202E}fdp.exe", "invoice\\u202efdp.exe"), ("\u{2066}isolate\u{2069}", "\\u2066isolate\\u2069"),
        ("zero\u{200B}width", "zero\\u200bwidth"), ("\u{FEFF}bom", "\\ufeffbom"), ("ad\u{200D}min", "ad\\u200dmin"),
        ("line\u{2028}separator", "line\\u2028separator"), ("soft\u{AD}hyphen", "soft\\u00adhyphen"),
        ("tag\u{E0041}", "tag\\u{e0041}"),
    ])
    func hiddenAndControlCharactersBecomeVisibleEscapes(_ text: String, _ expected: String) {
        #expect(text.displaySafe == expected)
    }

    @Test func emojiSequencesKeepTheirJoiners() {
        let technologist = "\u{1F469}\u{200D}\u{1F4BB}"
        let scotland = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
        #expect(technologist.displaySafe == technologist)
        #expect(scotland.displaySafe == scotland)
        // A bidi override hidden inside an emoji sequence is still shown.
        #expect("\u{1F469}\u{202E}".displaySafe == "\u{1F469}\\u202e")
        // Tags after an emoji other than a flag, or spelling more than a subdivision, hide text.
        #expect("\u{A9}\u{E0068}\u{E0069}".displaySafe == "\u{A9}\\u{e0068}\\u{e0069}")
        #expect("\u{1F3F4}\u{E0048}\u{E0049}\u{E007F}".displaySafe == "\u{1F3F4}\\u{e0048}\\u{e0049}\\u{e007f}")
        // A joiner that joins no emoji, and variation selectors that choose no presentation.
        #expect("\u{1F469}\u{200D}a".displaySafe == "\u{1F469}\\u200da")
        #expect("a\u{FE01}b\u{E0100}".displaySafe == "a\\ufe01b\\u{e0100}")
        #expect("\u{2764}\u{FE0F}".displaySafe == "\u{2764}\u{FE0F}")
    }

    @Test func jsonKeepsEveryHiddenCharacterAsAnEscapeThatReadsBack() throws {
        let hostile = "a\u{202E}b\u{200B}c\u{1B}d\u{E0041}e\"\\"
        let quoted = hostile.jsonQuoted
        #expect(!quoted.unicodeScalars.contains { $0.isHiddenOrControl })
        #expect(quoted.contains("\\u202e") && quoted.contains("\\udb40\\udc41"))
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(decoded == [hostile])
    }

    @Test func reasonsQuoteHiddenCharactersToo() {
        #expect("x\u{202E}y".quotedForReason() == "\"x\\u202ey\"")
    }
}
