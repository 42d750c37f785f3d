/// Reading Help Scout's objects out of the tape, lenient with v1 and v2 field names.
extension BodyDecoder {
    /// The member `key` of `object`, which may be any token (nil unless it is an object).
    func member(_ object: Int, _ key: StaticString) -> Int? {
        tape.kind(object) == .object ? tape.member(object, key) : nil
    }

    func timestamp(_ index: Int?) -> Timestamp? {
        guard let index, tape.kind(index) == .string else { return nil }
        if tape.tokens[index].hasEscapes {
            return Timestamp.parse(tape.decodedString(index))
        }
        return Timestamp.parse(tape.rawBytes(index))
    }

    /// A conversation object; nil without an integer `id`.
    func conversation(_ object: Int) -> ConversationSnapshot? {
        guard let id = tape.int64(member(object, "id")) else { return nil }
        var snapshot = ConversationSnapshot(id: id)
        snapshot.number = tape.int64(member(object, "number"))
        snapshot.status = tape.string(member(object, "status"))
        snapshot.createdAt = timestamp(member(object, "createdAt"))
        snapshot.closedAt = timestamp(member(object, "closedAt"))
        snapshot.assignee = person(tape.nonNullMember(object, "assignee") ?? tape.nonNullMember(object, "owner"))
        snapshot.mailbox = mailbox(of: object)
        if let tags = member(object, "tags"), tape.kind(tags) == .array {
            snapshot.tags = tagNames(tags)
        }
        var threads: Int?
        if let embedded = member(object, "_embedded"), let list = member(embedded, "threads"), tape.kind(list) == .array {
            threads = list
        } else if let list = member(object, "threads"), tape.kind(list) == .array {
            threads = list
        }
        if let threads {
            tape.forEachElement(threads) { element in
                if tape.kind(element) == .object { snapshot.threads.append(thread(element, kind: nil)) }
            }
        }
        return snapshot
    }

    /// A thread object; its kind comes from the event type when given, else from its `type`.
    func thread(_ object: Int, kind fixedKind: ThreadRecord.Kind?) -> ThreadRecord {
        let createdBy = member(object, "createdBy")
        let kind = fixedKind ?? threadKind(type: member(object, "type"), createdBy: createdBy)
        return ThreadRecord(id: tape.int64(member(object, "id")), kind: kind,
                            createdAt: timestamp(member(object, "createdAt")), author: person(createdBy))
    }

    private func threadKind(type: Int?, createdBy: Int?) -> ThreadRecord.Kind {
        switch tape.string(type)?.lowercased() {
        case "customer": return .customerMessage
        case "message", "reply": return .agentReply
        case "note": return .note
        case "chat", "phone", "beaconchat":
            switch createdBy.flatMap({ tape.string(member($0, "type")) })?.lowercased() {
            case "customer": return .customerMessage
            case "user": return .agentReply
            default: return .other
            }
        default: return .other
        }
    }

    /// A person object with an integer `id`; the name from `first`/`last` or `firstName`/`lastName`.
    func person(_ object: Int?) -> Person? {
        guard let object, let id = tape.int64(member(object, "id")) else { return nil }
        let first = tape.string(member(object, "first")) ?? tape.string(member(object, "firstName"))
        let last = tape.string(member(object, "last")) ?? tape.string(member(object, "lastName"))
        let name = [first, last].compactMap { $0?.trimmed }.filter { !$0.isEmpty }.joined(separator: " ")
        return Person(id: id, name: name.isEmpty ? nil : name)
    }

    func mailbox(of object: Int) -> Mailbox? {
        let nested = member(object, "mailbox")
        guard let id = tape.int64(member(object, "mailboxId")) ?? nested.flatMap({ tape.int64(member($0, "id")) }) else {
            return nil
        }
        return Mailbox(id: id, name: nested.flatMap { tape.string(member($0, "name")) })
    }

    /// Tag names from strings or `{"tag": …}` objects, trimmed and lower-cased; empty names dropped.
    private func tagNames(_ array: Int) -> [String] {
        var names: [String] = []
        tape.forEachElement(array) { element in
            let raw = tape.kind(element) == .string ? tape.string(element) : tape.string(member(element, "tag"))
            if let name = raw?.trimmed.lowercased(), !name.isEmpty { names.append(name) }
        }
        return names
    }

    /// A rating object; nil without an integer `conversationId`.
    func rating(_ object: Int) -> RatingRecord? {
        guard let conversationId = tape.int64(member(object, "conversationId")) else { return nil }
        let agent = person(member(object, "user")) ?? tape.int64(member(object, "userId")).map { Person(id: $0) }
        let mailboxId = tape.int64(member(object, "mailboxId")) ?? member(object, "mailbox").flatMap { tape.int64(member($0, "id")) }
        return RatingRecord(
            id: tape.int64(member(object, "id")), threadId: tape.int64(member(object, "threadId")),
            conversationId: conversationId, score: score(member(object, "rating")),
            agent: agent, mailboxId: mailboxId, comments: tape.string(member(object, "comments")))
    }

    private func score(_ index: Int?) -> RatingRecord.Score {
        guard let index else { return .unknown }
        if tape.kind(index) == .number {
            switch tape.int64(index) {
            case 1: return .great
            case 2: return .okay
            case 3: return .notGood
            default: return .unknown
            }
        }
        switch tape.string(index)?.trimmed.lowercased() {
        case "great", "1": return .great
        case "okay", "ok", "2": return .okay
        case "not good", "not_good", "bad", "3": return .notGood
        default: return .unknown
        }
    }
}

extension String {
    /// The string without leading and trailing white space.
    var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[first...last])
    }
}
