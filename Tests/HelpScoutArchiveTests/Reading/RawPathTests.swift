import HelpScoutArchive
import Testing

@Suite struct RawPathTests {
    @Test(arguments: [
        ([UInt8]("sample-data/archive/2026-10-05.jsonl.gz".utf8), "sample-data/archive/2026-10-05.jsonl.gz"),
        ([UInt8]("Données/café.jsonl".utf8), "Données/café.jsonl"),
        ([0x63, 0x61, 0x66, 0xE9, 0x2E, 0x6A], "caf\\xe9.j"),
        ([0xFF, 0xFE, 0x41], "\\xff\\xfeA"),
        ([0xE2, 0x82], "\\xe2\\x82"),
        ([UInt8]("evil\nfake.jsonl:1: verified\u{1B}[31m".utf8), "evil\\nfake.jsonl:1: verified\\u001b[31m"),
        ([UInt8]("a\\b".utf8), "a\\\\b"),
        ([UInt8]("invoice\u{202E}lmth.jsonl".utf8), "invoice\\u202elmth.jsonl"),
    ])
    func displayNamesShowEveryByteAndHideNothing(_ bytes: [UInt8], _ expected: String) {
        #expect(RawPath(bytes: bytes).displayName == expected)
    }

    @Test func componentsAndParents() {
        #expect(RawPath("a/b/c/").lastComponent == Array("c".utf8))
        #expect(RawPath("a/b/c/").parent == RawPath("a/b"))
        #expect(RawPath("Reports").parent == RawPath("."))
        #expect(RawPath("/Reports").parent == RawPath("/"))
        #expect(RawPath("a").appending(Array("b".utf8)) == RawPath("a/b"))
        #expect(RawPath("/").appending(Array("b".utf8)) == RawPath("/b"))
    }
}
