/// Turns one delivery line into its verdict: parse the line, recover the raw body, check the
/// signature, decode the body. One processor per thread: it reuses its buffers from line to line.
package struct DeliveryProcessor {
    private let lineTape = JSONTape()
    private var verifier: SignatureVerifier
    private var bodyDecoder: BodyDecoder
    /// The body as received, written while the line is parsed.
    private let capturedBody = ByteBuffer()
    /// The body of an `isBase64Encoded` delivery, decoded.
    private let base64Body = ByteBuffer()
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
    package mutating func process(line: UnsafeRawBufferPointer) -> LineVerdict {
        if let error = lineTape.parse(line, capturing: "body", into: capturedBody) {
            return .rejected(.malformed, reason: "line \(error.description)", deliveryId: nil, eventType: nil)
        }
        let line = lineTape.document
        guard line.kind(line.root) == .object else {
            return .rejected(.malformed, reason: "line is not a JSON object", deliveryId: nil, eventType: nil)
        }
        let fields = DeliveryFields(tape: line)
        func rejected(_ status: DeliveryStatus, _ reason: String) -> LineVerdict {
            .rejected(
                status, reason: reason, deliveryId: fields.deliveryId, eventType: fields.eventHeader?.name,
                receivedAt: fields.receivedAt)
        }
        let bodyIndex: Int
        switch fields.body {
        case .problem(let problem): return rejected(.malformed, problem)
        case .string(let index): bodyIndex = index
        }
        if line.tokens[bodyIndex].hasUnpairedSurrogate {
            return rejected(
                .malformed, "body has an unpaired UTF-16 surrogate escape, so it has no UTF-8 bytes to verify")
        }

        // The tape wrote the last top-level `body` string, which is `bodyIndex`, while parsing.
        assert(lineTape.capturedToken == bodyIndex)
        guard fields.isBase64Encoded else {
            return verify(body: capturedBody.bytes, fields: fields, rejected: rejected)
        }
        base64Body.reserve(capturedBody.count / 4 * 3)
        guard let count = Base64.decode(capturedBody.bytes, into: base64Body.base) else {
            return rejected(.malformed, "isBase64Encoded is true but body is not valid base64")
        }
        base64Body.count = count
        return verify(body: base64Body.bytes, fields: fields, rejected: rejected)
    }

    /// Checks the signature over `body`, then decodes it. `body` points into this processor's
    /// buffers, untouched until the next call.
    private mutating func verify(
        body: UnsafeRawBufferPointer, fields: DeliveryFields,
        rejected: (DeliveryStatus, String) -> LineVerdict
    ) -> LineVerdict {
        let check: SignatureVerifier.Check
        switch fields.signature {
        case .absent:
            return rejected(.unsigned, "no X-HelpScout-Signature header")
        case .notAString:
            return rejected(.forged, "X-HelpScout-Signature is not a string")
        case .value(let index):
            let line = lineTape.document
            check =
                line.tokens[index].hasEscapes
                ? verifier.verify(signature: line.decodedString(index), body: body)
                : verifier.verify(signature: line.rawBytes(index), body: body)
        }
        signatures.count(check)
        switch check {
        case .notADigest:
            return rejected(.forged, "X-HelpScout-Signature is not base64 of a 20-byte HMAC-SHA1 digest")
        case .mismatch:
            return rejected(.forged, "signature does not match the body with any configured secret")
        case .matches(let fingerprint, _):
            switch bodyDecoder.decode(body, eventHeader: fields.eventHeader, receivedAt: fields.receivedAt) {
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
}
