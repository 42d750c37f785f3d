/// The fields of a delivery line that verification needs, read from its parsed tape.
struct DeliveryFields {
    /// How a signature header was given.
    enum Signature {
        case absent
        /// Present but not a string (nor an array starting with one): it cannot verify anything.
        case notAString
        case value(Int)
    }

    var body: Int?
    var structuralProblem: String?
    var isBase64Encoded = false
    var deliveryId: String?
    var receivedAt: Timestamp?
    var signature = Signature.absent
    /// `X-HelpScout-Event`, trimmed; nil when absent, empty or not a string.
    var eventHeader: String?

    init(tape: JSONDocument) {
        let root = tape.root
        if let id = tape.member(root, "id") {
            switch tape.kind(id) {
            case .string: deliveryId = tape.decodedString(id)
            case .number: deliveryId = String(decoding: tape.rawBytes(id), as: UTF8.self)
            default: break
            }
        }
        if let received = tape.member(root, "receivedAt"), tape.kind(received) == .string {
            receivedAt = Timestamp.parse(tape.decodedString(received))
        }
        if let flag = tape.member(root, "isBase64Encoded") { isBase64Encoded = tape.kind(flag) == .true }

        guard let headers = tape.member(root, "headers") else {
            structuralProblem = "line has no headers object"
            return
        }
        guard tape.kind(headers) == .object else {
            structuralProblem = "headers is not an object"
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
            let name = tape.decodedString(index).trimmed
            eventHeader = name.isEmpty ? nil : name
        }

        guard let body = tape.member(root, "body") else {
            structuralProblem = "line has no body"
            return
        }
        guard tape.kind(body) == .string else {
            structuralProblem = "body is not a string"
            return
        }
        self.body = body
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
