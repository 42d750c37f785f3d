import HelpScoutArchive
import HelpScoutArchiveSamples
import Testing

@Suite struct DeliveryProcessorTests {
    func verdict(_ line: String, secrets: [String] = [Fixtures.secret]) -> LineVerdict {
        verdict(bytes: Array(line.utf8), secrets: secrets)
    }

    func verdict(bytes: [UInt8], secrets: [String] = [Fixtures.secret]) -> LineVerdict {
        var processor = DeliveryProcessor(keyring: Fixtures.keyring(secrets))
        return bytes.withUnsafeBytes { processor.process(line: $0) }
    }

    let body = Fixtures.conversation()

    @Test func aSignedConversationIsVerified() {
        #expect(verdict(Fixtures.signedLine(body)).status == .verified)
    }

    @Test func headerNamesAreCaseInsensitiveAndArraysCountTheirFirstValue() {
        for style in [DeliveryLine.HeaderStyle.canonical, .lowercase, .arrays] {
            var line = DeliveryLine.signed(body.serialized(), secret: Fixtures.secret, event: "convo.created")
            line.headerStyle = style
            #expect(verdict(line.serialized()).status == .verified, "\(style)")
        }
        let sig = DeliveryLine.sign(Array(body.serialized().utf8), secret: Fixtures.secret)
        let mixed = JSONValue.object([
            (
                "headers",
                .object([
                    ("x-HELPSCOUT-event", .string(" convo.created ")),
                    ("X-Helpscout-Signature", .array([.string(sig), .string("junk")])),
                ])
            ),
            ("body", .string(body.serialized())),
        ]).serialized()
        #expect(verdict(mixed).status == .verified)
    }

    @Test func theSignatureCoversTheBodyBytesAsReceivedNotAReserialisation() {
        // PHP escapes slashes; the raw body keeps `\/`, and so must the HMAC.
        let value = Fixtures.conversation(extra: [("url", .string("https://x.test/a")), ("name", .string("Zoë"))])
        for style in [
            JSONValue.Style(escapesSlashes: true), JSONValue.Style(asciiOnly: true),
            JSONValue.Style(escapesSlashes: true, asciiOnly: true),
        ] {
            let raw = value.serialized(style)
            #expect(raw != value.serialized())
            let line = DeliveryLine.signed(raw, secret: Fixtures.secret, event: "convo.created").serialized()
            #expect(verdict(line).status == .verified)
            // The same header over the re-serialised body does not verify.
            var resigned = DeliveryLine.signed(raw, secret: Fixtures.secret, event: "convo.created")
            resigned.body = Array(value.serialized().utf8)
            #expect(verdict(resigned.serialized()).status == .forged)
        }
    }

    @Test func aBase64BodyIsDecodedBeforeVerifying() {
        var line = DeliveryLine.signed(body.serialized(), secret: Fixtures.secret, event: "convo.created")
        line.isBase64Encoded = true
        #expect(verdict(line.serialized()).status == .verified)
        let bad =
            "{\"headers\":{\"X-HelpScout-Signature\":\"\(line.signature!)\"},\"isBase64Encoded\":true,\"body\":\"@@@\"}"
        #expect(verdict(bad).status == .malformed)
    }

    @Test func aRotatedSecretStillVerifiesAndAForeignOneIsForged() {
        let line = Fixtures.signedLine(body, secret: "old")
        #expect(verdict(line, secrets: ["new", "old"]).status == .verified)
        #expect(verdict(line, secrets: ["new"]).status == .forged)
    }

    @Test func eachStatusHasItsCause() {
        var unsigned = DeliveryLine.signed(body.serialized(), secret: Fixtures.secret, event: "convo.created")
        unsigned.signature = nil
        var altered = DeliveryLine.signed(body.serialized(), secret: Fixtures.secret, event: "convo.created")
        altered.body = Array(body.serialized().replacingOccurrences(of: "active", with: "closed").utf8)
        let envelope = JSONValue.object([
            ("eventType", .string("convo.created")), ("createdAt", .string("2026-10-05T10:00:00Z")),
            ("object", body),
        ])
        let cases: [(String, DeliveryStatus)] = [
            (unsigned.serialized(), .unsigned),
            (altered.serialized(), .forged),
            (Fixtures.signedLine(envelope, event: "convo.deleted"), .forged),
            (Fixtures.signedLine(envelope, event: nil), .verified),
            ("{\"headers\":{\"X-HelpScout-Signature\":12},\"body\":\"{}\"}", .forged),
            ("{\"headers\":{\"X-HelpScout-Signature\":null},\"body\":\"{}\"}", .unsigned),
            ("{\"headers\":{\"X-HelpScout-Signature\":[]},\"body\":\"{}\"}", .unsigned),
            ("{\"headers\":{\"X-HelpScout-Signature\":\"bm90IGEgZGlnZXN0\"},\"body\":\"{}\"}", .forged),
            ("not json", .malformed),
            ("[1,2]", .malformed),
            ("{\"body\":\"{}\"}", .malformed),
            ("{\"headers\":[],\"body\":\"{}\"}", .malformed),
            ("{\"headers\":{}}", .malformed),
            ("{\"headers\":{},\"body\":{\"id\":1}}", .malformed),
            (Fixtures.signedLine(.array([.int(1)])), .undecodable),
            (Fixtures.signedLine(body, event: nil), .undecodable),
            (
                Fixtures.signedLine(
                    .object([("status", .string("active")), ("createdAt", .string("2026-10-05T10:00:00Z"))])),
                .undecodable
            ),
        ]
        for (line, status) in cases {
            #expect(verdict(line).status == status, "\(line)")
        }
        #expect(
            verdict(bytes: Array("{\"headers\":{},\"body\":\"".utf8) + [0xC3] + Array("\"}".utf8)).status == .malformed)
        #expect(verdict(bytes: Array("{\"headers\":{},\"body\":\"a\0b\"}".utf8)).status == .malformed)
        // An unpaired surrogate: fine in another field, but a body with one has no UTF-8 bytes.
        #expect(verdict("{\"headers\":{},\"body\":\"{\\ud800}\"}").status == .malformed)
        var noted = DeliveryLine.signed(
            body.serialized(), secret: Fixtures.secret, event: "convo.created", id: "\u{1F600}")
        noted.id = nil
        let withNote = noted.serialized().replacingOccurrences(
            of: "{\"headers\"", with: "{\"note\":\"\\udc00\",\"headers\"")
        #expect(verdict(withNote).status == .verified)
    }

    /// Lines taken several at a time (their signatures checked together, two at once on the SHA
    /// instructions) get the verdicts, and the keyring the matches, that they get one by one: with
    /// a rotated keyring whose order changes from line to line, a secret given twice, base64 bodies,
    /// an escaped signature, and every status among them.
    @Test func linesTakenSeveralAtATimeGetTheVerdictsTheyGetOneByOne() {
        let secrets = ["new", "old", "new"]
        var lines: [String] = []
        for index in 0..<60 {
            let conversation = Fixtures.conversation(id: Int64(index))
            switch index % 11 {
            case 0, 3: lines.append(Fixtures.signedLine(conversation, secret: "old"))
            case 1: lines.append(Fixtures.signedLine(conversation, secret: "stranger"))
            case 2: lines.append("{\"headers\":{},\"body\":\"{}\"}")
            case 4: lines.append("not json")
            case 5:
                // A base64 body, decoded into its slot's own buffer.
                var line = DeliveryLine.signed(conversation.serialized(), secret: "new", event: "convo.created")
                line.isBase64Encoded = true
                lines.append(line.serialized())
            case 6:
                // A signature with an escape (a leading `\u0020`, white space it may carry) claims its code.
                let line = Fixtures.signedLine(conversation, secret: "old")
                lines.append(line.replacingOccurrences(of: "Signature\":\"", with: "Signature\":\"\\u0020"))
            case 7: lines.append("{\"headers\":{\"X-HelpScout-Signature\":\"bm90IGEgZGlnZXN0\"},\"body\":\"{}\"}")
            case 8: lines.append("{\"headers\":{},\"body\":\"{\\ud800}\"}")
            default: lines.append(Fixtures.signedLine(conversation, secret: "new"))
            }
        }
        func describe(_ verdict: LineVerdict) -> String {
            switch verdict {
            case .verified(let fingerprint, let event):
                return "verified \(fingerprint) \(event.type.name) \(event.time)"
            case .rejected(let status, let reason, _, _, _): return "\(status) \(reason)"
            }
        }
        var oneByOne = DeliveryProcessor(keyring: Fixtures.keyring(secrets))
        let expected = lines.map { line in
            var line = line
            return line.withUTF8 { describe(oneByOne.process(line: UnsafeRawBufferPointer($0))) }
        }
        let expectedSignatures = oneByOne.takeSignatures()
        #expect(expectedSignatures.matched == 32 && expectedSignatures.mismatched == 6)
        for size in 1...DeliveryProcessor.linesAtOnce {
            var together = DeliveryProcessor(keyring: Fixtures.keyring(secrets))
            var verdicts: [String] = []
            let bytes = lines.map { Array($0.utf8) }
            for start in stride(from: 0, to: bytes.count, by: size) {
                let group = Array(bytes[start..<min(start + size, bytes.count)])
                let pointers = group.map { line in
                    UnsafeRawBufferPointer(UnsafeMutableRawBufferPointer.allocate(byteCount: line.count, alignment: 1))
                }
                defer { for pointer in pointers { pointer.deallocate() } }
                for (pointer, line) in zip(pointers, group) {
                    UnsafeMutableRawBufferPointer(mutating: pointer).copyBytes(from: line)
                }
                verdicts += together.process(pointers).map(describe)
            }
            #expect(verdicts == expected, "\(size) at a time")
            #expect(together.takeSignatures() == expectedSignatures, "\(size) at a time")
        }
    }

    @Test func aFindingKeepsTheDeliveryIdAndEventType() {
        var unsigned = DeliveryLine.signed(
            body.serialized(), secret: Fixtures.secret, event: "convo.created", id: "dlv_1")
        unsigned.signature = nil
        guard case .rejected(.unsigned, _, let id, let type, _) = verdict(unsigned.serialized()) else {
            Issue.record("not unsigned")
            return
        }
        #expect(id == "dlv_1" && type == "convo.created")
    }
}
