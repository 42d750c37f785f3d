/// The fields of a delivery line that verification needs, read from its parsed tape.
struct DeliveryFields {
    /// How a signature header was given.
    enum Signature {
        case absent
        /// Present but not a string (nor an array starting with one): it cannot verify anything.
        case notAString
        case value(Int)
    }

    /// The body's string, or why the line's structure has none to verify.
    enum Body {
        case string(Int)
        case problem(String)
    }

    private let tape: JSONDocument
    var body = Body.problem("line has no headers object")
    var isBase64Encoded = false
    /// The `id` value, read into a `String` only for a finding (`deliveryId`).
    private var idValue: Int?
    var receivedAt: Timestamp?
    var signature = Signature.absent
    /// The type `X-HelpScout-Event` names, trimmed; nil when absent, empty or not a string.
    var eventHeader: EventType?

    /// The delivery's `id`, a string or a number; nil when absent or another kind.
    var deliveryId: String? {
        guard let idValue else { return nil }
        switch tape.kind(idValue) {
        case .string: return tape.decodedString(idValue)
        case .number: return String(decoding: tape.rawBytes(idValue), as: UTF8.self)
        default: return nil
        }
    }

    init(tape: JSONDocument) {
        self.tape = tape
        let root = tape.root
        idValue = tape.member(root, "id")
        if let received = tape.member(root, "receivedAt"), tape.kind(received) == .string {
            receivedAt =
                tape.tokens[received].hasEscapes
                ? Timestamp.parse(tape.decodedString(received)) : Timestamp.parse(tape.rawBytes(received))
        }
        if let flag = tape.member(root, "isBase64Encoded") { isBase64Encoded = tape.kind(flag) == .true }

        guard let headers = tape.member(root, "headers") else { return }
        guard tape.kind(headers) == .object else {
            body = .problem("headers is not an object")
            return
        }
        var signatureValue: Int?
        var eventValue: Int?
        tape.forEachMember(headers) { key, value in
            if tape.keyEqualsIgnoringCase(key, "x-helpscout-signature") {
                signatureValue = value
            } else if tape.keyEqualsIgnoringCase(key, "x-helpscout-event") {
                eventValue = value
            }
        }
        if let signatureValue {
            switch Self.headerValue(tape, signatureValue) {
            case .absent: signature = .absent
            case .notAString: signature = .notAString
            case .value(let index): signature = .value(index)
            }
        }
        if let eventValue, case .value(let index) = Self.headerValue(tape, eventValue) {
            eventHeader = tape.eventType(index, trimmed: true)
        }

        guard let index = tape.member(root, "body") else {
            body = .problem("line has no body")
            return
        }
        body = tape.kind(index) == .string ? .string(index) : .problem("body is not a string")
    }

    /// A header value: a string, or an array whose first element counts; `null` and `[]` are absent.
    private static func headerValue(_ tape: JSONDocument, _ index: Int) -> Signature {
        var value = index
        if tape.kind(value) == .array {
            guard let first = tape.firstElement(value) else { return .absent }
            value = first
        }
        switch tape.kind(value) {
        case .string: return .value(value)
        case .null: return .absent
        default: return .notAString
        }
    }
}
