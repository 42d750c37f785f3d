/// Turns delivery lines into their verdicts: parse each line, recover the raw body, check the
/// signature, decode the body. One processor per thread: it reuses its buffers from line to line.
///
/// Lines come several at a time (`linesAtOnce`), so that their signatures are checked together,
/// two at once on the CPU's SHA instructions (`HMACSHA1Key.authenticationCodes`); their verdicts
/// are those each would get alone, in order.
package struct DeliveryProcessor {
    /// The most lines `process(_:)` takes at once: enough that the two hashing lanes seldom wait
    /// for a long body alone.
    package static let linesAtOnce = 8
    /// The longest line `process(_:)` takes with others; a longer one goes alone, through
    /// `process(line:)`. Each line of a call keeps its own buffers, which grow to the longest line
    /// they have held: so only the first slot ever grows past this, and a run of lines near the
    /// 16 MiB limit costs what it did when lines came one at a time.
    package static let longestLineTogether = 64 << 10
    /// Where each line of a call is read: its tape and body buffers.
    private let slots = (0..<linesAtOnce).map { _ in LineSlot() }
    private var verifier: SignatureVerifier
    private var bodyDecoder: BodyDecoder
    /// Signatures checked since the last `takeSignatures()` that matched a secret, and well-formed
    /// ones that matched none.
    private var signatures = SignatureTally()

    /// - Parameter detail: how much of each verified body to decode.
    package init(keyring: SecretKeyring, detail: DecodingDetail = .complete) {
        verifier = SignatureVerifier(keyring: keyring)
        bodyDecoder = BodyDecoder(detail: detail)
    }

    /// How the signatures checked since the last call fared.
    package mutating func takeSignatures() -> SignatureTally {
        defer { signatures = SignatureTally() }
        return signatures
    }

    /// The verdict for one non-blank line (without its line end).
    package mutating func process(line: UnsafeRawBufferPointer) -> LineVerdict { process([line])[0] }

    /// The verdicts for up to `linesAtOnce` non-blank lines, as `process(line:)` gives them one
    /// after the other.
    package mutating func process(_ lines: [UnsafeRawBufferPointer]) -> [LineVerdict] {
        precondition(
            lines.count <= Self.linesAtOnce && lines.dropFirst().allSatisfy { $0.count <= Self.longestLineTogether })
        let readLines = zip(lines, slots).map { read($0, into: $1) }
        var checks = verifier.verify(
            readLines.compactMap { if case .signed(let signed) = $0 { (signed.claimed, signed.body) } else { nil } }
        ).makeIterator()
        return readLines.map { line in
            switch line {
            case .decided(let verdict): return verdict
            case .signed(let signed): return finish(signed, checks.next()!)
            }
        }
    }

    /// A line read up to its signature check: its verdict when that is already decided, else its
    /// body and the code its signature claims.
    private enum ReadLine {
        case decided(LineVerdict)
        case signed(SignedBody)
    }

    private struct SignedBody {
        /// The body as signed, in the slot's buffers: untouched until the slot reads another line.
        let body: UnsafeRawBufferPointer
        let fields: DeliveryFields
        let claimed: SignatureVerifier.ClaimedCode
    }

    private func read(_ line: UnsafeRawBufferPointer, into slot: LineSlot) -> ReadLine {
        if let error = slot.tape.parse(line, capturing: "body", into: slot.capturedBody) {
            return .decided(
                .rejected(.malformed, reason: "line \(error.description)", deliveryId: nil, eventType: nil))
        }
        let document = slot.tape.document
        guard document.kind(document.root) == .object else {
            return .decided(.rejected(.malformed, reason: "line is not a JSON object", deliveryId: nil, eventType: nil))
        }
        let fields = DeliveryFields(tape: document)
        let bodyIndex: Int
        switch fields.body {
        case .problem(let problem): return .decided(Self.rejected(fields, .malformed, problem))
        case .string(let index): bodyIndex = index
        }
        if document.tokens[bodyIndex].hasUnpairedSurrogate {
            return .decided(
                Self.rejected(
                    fields, .malformed,
                    "body has an unpaired UTF-16 surrogate escape, so it has no UTF-8 bytes to verify"))
        }
        // The tape wrote the last top-level `body` string, which is `bodyIndex`, while parsing.
        assert(slot.tape.capturedToken == bodyIndex)
        var body = slot.capturedBody.bytes
        if fields.isBase64Encoded {
            slot.base64Body.reserve(slot.capturedBody.count / 4 * 3)
            guard let count = Base64.decode(slot.capturedBody.bytes, into: slot.base64Body.base) else {
                return .decided(
                    Self.rejected(fields, .malformed, "isBase64Encoded is true but body is not valid base64"))
            }
            slot.base64Body.count = count
            body = slot.base64Body.bytes
        }
        let claimed: SignatureVerifier.ClaimedCode?
        switch fields.signature {
        case .absent:
            return .decided(Self.rejected(fields, .unsigned, "no X-HelpScout-Signature header"))
        case .notAString:
            return .decided(Self.rejected(fields, .forged, "X-HelpScout-Signature is not a string"))
        case .value(let index):
            if document.tokens[index].hasEscapes {
                var text = document.decodedString(index)
                claimed = text.withUTF8 { SignatureVerifier.ClaimedCode(signature: UnsafeRawBufferPointer($0)) }
            } else {
                claimed = SignatureVerifier.ClaimedCode(signature: document.rawBytes(index))
            }
        }
        guard let claimed else {
            return .decided(
                Self.rejected(fields, .forged, Self.notADigest))
        }
        return .signed(SignedBody(body: body, fields: fields, claimed: claimed))
    }

    /// The verdict of a signed body whose signature check came out as `check`: decoded when it
    /// matches.
    private mutating func finish(_ signed: SignedBody, _ check: SignatureVerifier.Check) -> LineVerdict {
        signatures.count(check)
        let fields = signed.fields
        switch check {
        case .notADigest:
            return Self.rejected(fields, .forged, Self.notADigest)
        case .mismatch:
            return Self.rejected(fields, .forged, "signature does not match the body with any configured secret")
        case .matches(let fingerprint, _):
            switch bodyDecoder.decode(signed.body, eventHeader: fields.eventHeader, receivedAt: fields.receivedAt) {
            case .event(let event):
                return .verified(fingerprint, event)
            case .undecodable(let reason, let eventType):
                return .rejected(
                    .undecodable, reason: reason, deliveryId: fields.deliveryId, eventType: eventType,
                    receivedAt: fields.receivedAt)
            case .eventHeaderMismatch(let header, let bodyType):
                return .rejected(
                    .forged,
                    reason:
                        "X-HelpScout-Event header \(header.quotedForReason()) disagrees with the signed body's eventType \(bodyType.quotedForReason())",
                    deliveryId: fields.deliveryId, eventType: header, receivedAt: fields.receivedAt)
            }
        }
    }

    private static let notADigest = "X-HelpScout-Signature is not base64 of a 20-byte HMAC-SHA1 digest"

    private static func rejected(_ fields: DeliveryFields, _ status: DeliveryStatus, _ reason: String) -> LineVerdict {
        .rejected(
            status, reason: reason, deliveryId: fields.deliveryId, eventType: fields.eventHeader?.name,
            receivedAt: fields.receivedAt)
    }
}

/// The buffers one line of a pair is read into.
private final class LineSlot {
    let tape = JSONTape()
    /// The body as received, written while the line is parsed.
    let capturedBody = ByteBuffer()
    /// The body of an `isBase64Encoded` delivery, decoded.
    let base64Body = ByteBuffer()
}
