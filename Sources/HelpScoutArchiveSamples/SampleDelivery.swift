/// Turns simulated events into archived lines: genuine deliveries with their real-world quirks, and
/// the hostile lines an auditor must catch.
struct SampleDelivery {
    struct Line {
        let receivedAt: Int64
        let bytes: [UInt8]
    }

    static let attackerSecret = "not-the-webhook-secret"

    var random: SampleRandom
    let hostile: Bool

    /// The lines one event produces: its delivery, maybe a retry, maybe a hostile line.
    mutating func lines(for event: SimulatedEvent, secret: (Int64) -> String) -> [Line] {
        let envelope = random.chance(0.3)
        let value = envelope ? SampleBodies.envelope(event) : SampleBodies.bare(event)
        let style = JSONValue.Style(escapesSlashes: random.chance(0.6), asciiOnly: random.chance(0.15))
        let body = Array(value.serialized(style).utf8)
        var receivedAt = event.time + Int64(random.int(200...3000))
        if random.chance(0.03) { receivedAt += Int64(random.exponential(mean: 6 * 3_600_000)) }
        var delivery = DeliveryLine(
            body: body, signature: DeliveryLine.sign(body, secret: secret(receivedAt)),
            eventHeader: envelope && random.chance(0.2) ? nil : event.type)
        decorate(&delivery, receivedAt: receivedAt)
        var lines = [Line(receivedAt: receivedAt, bytes: Array(delivery.serialized().utf8))]
        if random.chance(0.04) {
            let retryAt = receivedAt + Int64(random.int(60_000...5_400_000))
            decorate(&delivery, receivedAt: retryAt)
            lines.append(Line(receivedAt: retryAt, bytes: Array(delivery.serialized().utf8)))
        }
        if hostile && random.chance(0.012) {
            lines.append(
                Line(
                    receivedAt: receivedAt + 1,
                    bytes: damaged(delivery, event: event, envelope: envelope, secret: secret(receivedAt))))
        }
        return lines
    }

    private mutating func decorate(_ delivery: inout DeliveryLine, receivedAt: Int64) {
        delivery.id = "dlv_" + random.hex(12)
        delivery.receivedAt = SampleBodies.time(receivedAt).stringValue
        let style = random.unit()
        delivery.headerStyle = style < 0.8 ? .canonical : (style < 0.95 ? .lowercase : .arrays)
        delivery.isBase64Encoded = random.chance(0.04)
    }

    /// A hostile variant of a genuine delivery.
    private mutating func damaged(_ genuine: DeliveryLine, event: SimulatedEvent, envelope: Bool, secret: String)
        -> [UInt8]
    {
        var line = genuine
        line.id = "dlv_" + random.hex(12)
        line.isBase64Encoded = false
        let text = String(decoding: genuine.body, as: UTF8.self)
        switch random.int(0...11) {
        case 0:  // forged: signed with a secret that is not the webhook's
            line.signature = DeliveryLine.sign(line.body, secret: Self.attackerSecret)
        case 1:  // forged: body altered after signing
            let altered =
                text.contains("not_good")
                ? text.replacingOccurrences(of: "not_good", with: "great")
                : text.replacingOccurrences(of: "\"status\":\"active\"", with: "\"status\":\"closed\"") + " "
            line.body = Array(altered.utf8)
        case 2:  // forged: the unsigned event header claims another type than the signed envelope
            let envelopeBody = Array(SampleBodies.envelope(event).serialized().utf8)
            line.body = envelopeBody
            line.signature = DeliveryLine.sign(envelopeBody, secret: secret)
            line.eventHeader = event.type == "convo.deleted" ? "convo.created" : "convo.deleted"
        case 3:  // forged: a signature that is not a digest
            line.signature = "c2lnbmF0dXJl"
        case 4:  // unsigned
            line.signature = nil
        case 5:  // malformed: the archiver cut the line
            let bytes = Array(line.serialized().utf8)
            return Array(bytes[0..<(bytes.count / 2)])
        case 6:  // malformed: body as an object instead of a string
            return Array(
                "{\"id\":\"\(line.id!)\",\"headers\":{\"X-HelpScout-Event\":\"\(event.type)\"},\"body\":{\"id\":1}}"
                    .utf8)
        case 7:  // malformed: base64 body that does not decode
            return Array(
                "{\"id\":\"\(line.id!)\",\"headers\":{\"X-HelpScout-Signature\":\"\(line.signature!)\"},\"isBase64Encoded\":true,\"body\":\"%%% not base64 %%%\"}"
                    .utf8)
        case 8:  // malformed: a byte that is not UTF-8
            var bytes = Array(line.serialized().utf8)
            bytes.insert(0xFF, at: bytes.count / 3)
            return bytes
        case 9:  // undecodable: a signed error page instead of JSON
            line.body = Array("<html><body>502 Bad Gateway</body></html>".utf8)
            line.signature = DeliveryLine.sign(line.body, secret: secret)
        case 10:  // undecodable: a signed conversation without its id
            line.body = Array("{\"number\":1,\"status\":\"active\",\"createdAt\":\"2026-10-05T10:00:00Z\"}".utf8)
            line.signature = DeliveryLine.sign(line.body, secret: secret)
            line.eventHeader = "convo.status"
        default:  // undecodable: a signed bare body without the event header
            line.eventHeader = nil
            if envelope {
                line.body = Array(SampleBodies.bare(event).serialized().utf8)
                line.signature = DeliveryLine.sign(line.body, secret: secret)
            }
        }
        return Array(line.serialized().utf8)
    }
}

extension JSONValue {
    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}
