/// Decodes a verified raw body into an event, or says why it cannot (docs/format.md, "Body shapes").
///
/// One decoder per thread: it reuses its tape from body to body.
package struct BodyDecoder {
    /// What a body turned out to be.
    package enum Outcome: Sendable {
        case event(DecodedEvent)
        /// The body is signed but not an event; `eventType` is what could be read of its type.
        case undecodable(reason: String, eventType: String?)
        /// An envelope whose `eventType` disagrees with the unsigned `X-HelpScout-Event` header.
        case eventHeaderMismatch(header: String, body: String)
    }

    private let parser = JSONTape()
    /// The body being decoded.
    var tape = JSONDocument.empty
    /// The names made so far, by person id (`person(_:named:)`).
    var names = PersonNames()
    let detail: DecodingDetail
    var facts: Bool { detail != .statuses }

    package init(detail: DecodingDetail = .complete) {
        self.detail = detail
    }

    /// Decodes `body`.
    /// - Parameters:
    ///   - eventHeader: the type the `X-HelpScout-Event` header names (trimmed, not empty), if any.
    ///   - receivedAt: the delivery's `receivedAt`, the event time of last resort for bare bodies.
    package mutating func decode(
        _ body: UnsafeRawBufferPointer, eventHeader: EventType?, receivedAt: Timestamp?
    ) -> Outcome {
        // A status needs only the envelope and its object's members, or the root's members when
        // receivedAt gives the time: deeper tokens are validated but not kept.
        let error =
            detail == .statuses && receivedAt != nil
            ? parser.parse(body, keepingTokensTo: 2) : parser.parse(body)
        tape = parser.document
        if let error {
            return .undecodable(reason: "body \(error.description)", eventType: eventHeader?.name)
        }
        guard tape.kind(tape.root) == .object else {
            return .undecodable(reason: "body is not a JSON object", eventType: eventHeader?.name)
        }
        if let typeIndex = tape.member(tape.root, "eventType"), let object = tape.member(tape.root, "object") {
            return decodeEnvelope(typeIndex: typeIndex, object: object, eventHeader: eventHeader)
        }
        return decodeBare(eventHeader: eventHeader, receivedAt: receivedAt)
    }

    private mutating func decodeEnvelope(typeIndex: Int, object: Int, eventHeader: EventType?) -> Outcome {
        guard let type = tape.eventType(typeIndex) else {
            return .undecodable(reason: "envelope eventType is not a non-empty string", eventType: eventHeader?.name)
        }
        if let eventHeader, eventHeader != type {
            return .eventHeaderMismatch(header: eventHeader.name, body: type.name)
        }
        guard let time = timestamp(tape.member(tape.root, "createdAt")) else {
            return .undecodable(reason: "no event time: the envelope has no valid createdAt", eventType: type.name)
        }
        func missing(_ field: String) -> Outcome {
            .undecodable(reason: "\(type.name.quotedForReason()) envelope lacks object.\(field)", eventType: type.name)
        }
        let payload: EventPayload
        switch type {
        case .agentReplyCreated, .customerReplyCreated, .noteCreated:
            guard let conversationId = tape.int64(member(object, "conversationId")) else {
                return missing("conversationId")
            }
            payload =
                facts ? .thread(conversationId: conversationId, thread(object, kind: type.threadKind)) : .unanalysed
        case .created, .assigned, .moved, .status, .tags:
            guard let (snapshot, _) = conversation(object, facts: facts) else { return missing("id") }
            payload = facts ? .conversation(snapshot) : .unanalysed
        case .deleted:
            guard let id = tape.int64(member(object, "id")) else { return missing("id") }
            payload = .deletion(conversationId: id)
        case .merged:
            guard let id = tape.int64(member(object, "id")) else { return missing("id") }
            payload = .merge(
                conversationId: id, mergedConversationId: tape.int64(member(object, "mergedConversationId")))
        case .customerCreated, .customerUpdated:
            guard let id = tape.int64(member(object, "id")) else { return missing("id") }
            payload = .customer(id: id)
        case .satisfactionRatings:
            guard let rating = rating(object, facts: facts) else { return missing("conversationId") }
            payload = .rating(rating)
        case .other(let name):
            // A newer conversation event (convo.custom-fields, convo.ai-answers.created …) whose
            // object is a conversation feeds its snapshots; anything else is counted by name only.
            if facts, Self.isConversationEvent(name), let (snapshot, _) = conversation(object, facts: true) {
                payload = .conversation(snapshot)
            } else {
                payload = .unanalysed
            }
        }
        return .event(DecodedEvent(type: type, time: time, payload: facts ? payload : .unanalysed, isEnvelope: true))
    }

    private mutating func decodeBare(eventHeader: EventType?, receivedAt: Timestamp?) -> Outcome {
        guard let type = eventHeader else {
            return .undecodable(
                reason: "no event type: no X-HelpScout-Event header and the body is not an envelope", eventType: nil)
        }
        let root = tape.root
        func missing(_ field: String) -> Outcome {
            .undecodable(reason: "\(type.name.quotedForReason()) body lacks \(field)", eventType: type.name)
        }
        let payload: EventPayload
        var newest: Timestamp?
        switch type {
        case .deleted:
            guard let id = tape.int64(member(root, "id")) else { return missing("id") }
            payload = .deletion(conversationId: id)
        case .agentReplyCreated, .assigned, .created, .customerReplyCreated, .merged, .moved,
            .noteCreated, .status, .tags:
            if !facts && receivedAt != nil {
                // A status needs only the id: the event time falls back to receivedAt anyway.
                guard tape.int64(member(root, "id")) != nil else { return missing("id") }
                payload = .unanalysed
                break
            }
            guard let (snapshot, times) = conversation(root, facts: facts) else { return missing("id") }
            newest = times
            payload = .conversation(snapshot)
        case .customerCreated, .customerUpdated:
            guard let id = tape.int64(member(root, "id")) else { return missing("id") }
            // v1 customers carry modifiedAt (v2: updatedAt); without it a v1 customer.updated was
            // dated at the customer's creation, months early.
            newest = latest(root, ["createdAt", "updatedAt", "modifiedAt"])
            payload = .customer(id: id)
        case .satisfactionRatings:
            guard let rating = rating(root, facts: facts) else { return missing("conversationId") }
            newest = latest(root, ["createdAt", "modifiedAt", "ratedAt"])
            payload = .rating(rating)
        case .other(let name):
            // As in an envelope: a newer conversation event's body is the conversation. Statuses
            // alone read it only when receivedAt cannot give the time (as for the known types).
            if Self.isConversationEvent(name), facts || receivedAt == nil,
                let (snapshot, times) = conversation(root, facts: facts)
            {
                newest = times
                payload = .conversation(snapshot)
            } else {
                payload = .unanalysed
            }
        }
        guard let time = newest ?? receivedAt else {
            return .undecodable(
                reason: "no event time: no valid timestamp in the body and no receivedAt", eventType: type.name)
        }
        return .event(DecodedEvent(type: type, time: time, payload: facts ? payload : .unanalysed, isEnvelope: false))
    }

    /// Whether a type Help Scout added later concerns a conversation: `convo.` and more.
    private static func isConversationEvent(_ name: String) -> Bool {
        name.hasPrefix("convo.") && name.count > "convo.".count
    }

    /// The newest valid timestamp among `fields` of the object at `object`.
    private func latest(_ object: Int, _ fields: [StaticString]) -> Timestamp? {
        var newest: Timestamp?
        for field in fields { newest = Timestamp.later(newest, timestamp(member(object, field))) }
        return newest
    }
}
