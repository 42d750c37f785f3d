import Foundation
import HelpScoutArchive
import Testing

@Suite struct JSONTapeTests {
    func parse(_ text: String) -> JSONSyntaxError? {
        let tape = JSONTape()
        var text = text
        return text.withUTF8 { tape.parse(UnsafeRawBufferPointer($0)) }
    }

    func parse(bytes: [UInt8]) -> JSONSyntaxError? {
        let tape = JSONTape()
        return bytes.withUnsafeBytes { tape.parse($0) }
    }

    @Test(arguments: [
        "{}", "[]", "0", "-0.5e+10", "\"\"", " {\"a\" : [1, 2.5, true, false, null, {\"b\": \"c\"}]} ",
        "{\"esc\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00\"}", "\"Zoë 🙂\"",
        "[" + String(repeating: "9", count: 1000) + "]", "{\"a\":1,\"a\":2}", "\"\\u0000\"",
    ])
    func acceptsValidJSON(_ text: String) {
        #expect(parse(text) == nil)
    }

    @Test(arguments: [
        "", "   ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]", "[+1]",
        "tru", "nul", "\"unterminated", "\"bad \\x escape\"", "\"\\ud80\"", "\"\\u00zz\"",
        "{} {}", "[1] x", "\"tab\there\"", "[NaN]", "'single'",
    ])
    func rejectsInvalidJSON(_ text: String) {
        #expect(parse(text) != nil)
    }

    @Test func rejectsInvalidUTF8() {
        #expect(parse(bytes: Array("\"a".utf8) + [0xFF] + Array("b\"".utf8))?.kind == .invalidUTF8)
        #expect(parse(bytes: Array("\"".utf8) + [0xC0, 0xAF] + Array("\"".utf8))?.kind == .invalidUTF8)  // overlong
        // A surrogate.
        #expect(parse(bytes: Array("\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"".utf8))?.kind == .invalidUTF8)
        #expect(parse(bytes: Array("\"".utf8) + [0xE2, 0x82] + Array("\"".utf8))?.kind == .invalidUTF8)  // cut
    }

    @Test func nestsUpToSixtyFourLevelsAndNoDeeper() {
        #expect(parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)) == nil)
        #expect(parse(String(repeating: "[", count: 65) + String(repeating: "]", count: 65))?.kind == .tooDeep)
        #expect(
            parse(String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65))?.kind == .tooDeep)
        // Hostile depth costs nothing: the parser stops at level 65.
        #expect(parse(String(repeating: "[", count: 100_000))?.kind == .tooDeep)
    }

    @Test func readsMembersTheLastDuplicateWinning() {
        let tape = JSONTape()
        var text = "{\"a\":1,\"B\":\"x\\ty\",\"a\":2,\"list\":[10,20],\"s\":\"123\"}"
        text.withUTF8 { bytes in
            #expect(tape.parse(UnsafeRawBufferPointer(bytes)) == nil)
            #expect(tape.document.int64(tape.document.member(0, "a")) == 2)
            #expect(tape.document.string(tape.document.member(0, "B")) == "x\ty")
            #expect(tape.document.member(0, "b") == nil)
            #expect(tape.document.int64(tape.document.member(0, "s")) == 123)
            var elements: [Int64] = []
            tape.document.forEachElement(tape.document.member(0, "list")!) { elements.append(tape.document.int64($0)!) }
            #expect(elements == [10, 20])
        }
    }

    @Test func unpairedSurrogatesAreValidGrammarButFlaggedAndReplaced() {
        for (text, decoded) in [
            ("\"a\\ud800b\"", "a\u{FFFD}b"), ("\"\\udc00\"", "\u{FFFD}"), ("\"\\ud800\\u0041\"", "\u{FFFD}A"),
        ] {
            let tape = JSONTape()
            var text = text
            text.withUTF8 { bytes in
                #expect(tape.parse(UnsafeRawBufferPointer(bytes)) == nil)
                #expect(tape.document.tokens[0].hasUnpairedSurrogate)
                #expect(tape.document.decodedString(0) == decoded)
            }
        }
    }

    @Test func decodesEscapesIncludingSurrogatePairs() {
        let tape = JSONTape()
        var text = "\"a\\/b \\u00e9 \\ud83d\\ude00 \\\"q\\\"\""
        text.withUTF8 { bytes in
            #expect(tape.parse(UnsafeRawBufferPointer(bytes)) == nil)
            #expect(tape.document.decodedString(0) == "a/b é 😀 \"q\"")
        }
    }

    @Test func findsTheEndOfLongStringsAcrossTheFastPath() {
        for length in 0...40 {
            for special in ["", "\\\"", "é", "\\n"] {
                let content =
                    String(repeating: "x", count: length) + special + String(repeating: "y", count: length % 9)
                let tape = JSONTape()
                var text = "[\"\(content)\",1]"
                text.withUTF8 { bytes in
                    #expect(tape.parse(UnsafeRawBufferPointer(bytes)) == nil)
                    #expect(tape.document.tokens.count == 3)
                    #expect(tape.document.tokens[1].kind == .string)
                }
            }
        }
    }
}

@Suite struct JSONTapeCaptureTests {
    /// Pieces whose escaped and decoded forms differ, to place at every offset.
    static let pieces = [
        "x", "\\\"", "\\\\", "\\/", "\\n", "\\t", "\\r", "\\b", "\\f", "\\u00e9", "\\ud83d\\ude00", "é", "🙂", "\\u0000",
        "<p>", "ab",
    ]

    @Test func theCapturedValueEqualsAnIndependentDecoder() throws {
        let buffer = ByteBuffer(capacity: 16)
        let tape = JSONTape()
        for length in 0...24 {
            for piece in Self.pieces {
                for position in [0, length / 2, length] {
                    var content = String(repeating: "a", count: length)
                    content.insert(contentsOf: piece, at: content.index(content.startIndex, offsetBy: position))
                    let document = "{\"id\":1,\"body\":\"\(content)\",\"tail\":\"\(content)\"}"
                    var bytes = Array(document.utf8)
                    let error = bytes.withUnsafeMutableBytes {
                        tape.parse(UnsafeRawBufferPointer($0), capturing: "body", into: buffer)
                    }
                    #expect(error == nil, "\(document)")
                    let expected = try JSONDecoder().decode(
                        [String: String].self, from: Data(#"{"v":"\#(content)"}"#.utf8))["v"]!
                    #expect(Array(buffer.bytes) == Array(expected.utf8), "\(content)")
                    #expect(tape.capturedToken == 4)
                    #expect(tape.document.decodedString(4) == expected)
                }
            }
        }
    }

    @Test func theLastBodyIsCapturedAndNestedOnesAreNot() {
        let buffer = ByteBuffer()
        let tape = JSONTape()
        var text = #"{"body":"first","x":{"body":"nested"},"body":"last\/one"}"#
        text.withUTF8 { bytes in
            #expect(tape.parse(UnsafeRawBufferPointer(bytes), capturing: "body", into: buffer) == nil)
            #expect(String(decoding: buffer.bytes, as: UTF8.self) == "last/one")
            #expect(tape.capturedToken == tape.document.member(0, "body"))
        }
    }

    @Test func capturingRejectsWhatScanningRejects() {
        let buffer = ByteBuffer()
        for bad in [#"{"body":"a\x"}"#, "{\"body\":\"tab\tin\"}", #"{"body":"open"#, #"{"body":"\u12"}"#] {
            let tape = JSONTape()
            var text = bad
            #expect(
                text.withUTF8 { tape.parse(UnsafeRawBufferPointer($0), capturing: "body", into: buffer) } != nil,
                "\(bad)")
        }
        let tape = JSONTape()
        let invalid: [UInt8] = Array(#"{"body":"abcdefgh"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        #expect(invalid.withUnsafeBytes { tape.parse($0, capturing: "body", into: buffer) }?.kind == .invalidUTF8)
    }
}

@Suite struct JSONTapeDepthTests {
    /// What a reader of the top two levels sees: every member of the root and of its object members.
    static func topTwoLevels(_ document: JSONDocument) -> [String] {
        var seen: [String] = []
        document.forEachMember(document.root) { key, value in
            seen.append(
                "\(document.decodedString(key))=\(document.kind(value)) \(Array(document.rawBytes(value)).count)")
            document.forEachMember(value) { innerKey, innerValue in
                seen.append(
                    "  \(document.decodedString(innerKey))=\(document.kind(innerValue)) \(String(decoding: document.rawBytes(innerValue), as: UTF8.self).prefix(40))"
                )
            }
        }
        return seen
    }

    @Test func aShallowTapeValidatesAllAndReadsTheTopTheSame() {
        let texts = [
            #"{"eventType":"convo.status","createdAt":"2026-10-05T10:00:00Z","object":{"id":7,"threads":[{"id":1,"x":[[1],{"y":2}]}],"tags":["a"]}}"#,
            #"{"id":7,"deep":[[[[[[1]]]]]],"after":{"k":"v","n":{"m":[1,2,{"z":null}]}}}"#,
            #"{"id":7,"deep":[[[[[[1]]]]],"after":1}"#,
            #"{"id":7,"deep":{"a":{"b":{"c":tru}}}}"#,
            #"[1,[2,[3,[4]]],{"a":{"b":{}}}]"#,
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let full = JSONTape(), shallow = JSONTape()
            let fullError = bytes.withUnsafeBytes { full.parse($0) }
            let shallowError = bytes.withUnsafeBytes { shallow.parse($0, keepingTokensTo: 2) }
            #expect(fullError == shallowError, "\(text)")
            guard fullError == nil else { continue }
            #expect(Self.topTwoLevels(full.document) == Self.topTwoLevels(shallow.document), "\(text)")
            #expect(shallow.document.tokens.count < full.document.tokens.count, "\(text)")
        }
    }
}
