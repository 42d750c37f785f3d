/// Reading Help Scout's objects out of the tape in one pass each, lenient with v1 and v2 field names.
extension BodyDecoder {
    private static let conversationKeys = JSONKeySet(ConversationKey.self)
    private static let threadKeys = JSONKeySet(ThreadKey.self)
    private static let personKeys = JSONKeySet(PersonKey.self)
    private static let ratingKeys = JSONKeySet(RatingKey.self)
    private static let embeddedKeys = JSONKeySet(EmbeddedKey.self)
    private static let namedKeys = JSONKeySet(NamedKey.self)

    /// The member `key` of `object`, which may be any token (nil unless it is an object).
    func member(_ object: Int, _ key: StaticString) -> Int? {
        tape.kind(object) == .object ? tape.member(object, key) : nil
    }

    func timestamp(_ index: Int?) -> Timestamp? {
        guard let index, tape.kind(index) == .string else { return nil }
        if tape.tokens[index].hasEscapes { return Timestamp.parse(tape.decodedString(index)) }
        return Timestamp.parse(tape.rawBytes(index))
    }

    /// A conversation object and the newest of its timestamps (its own and its threads'); nil
    /// without an integer `id`. Without `facts` only the id and the times are read.
    mutating func conversation(_ object: Int, facts: Bool) -> (snapshot: ConversationSnapshot, newest: Timestamp?)? {
        let values = tape.members(object, Self.conversationKeys)
        func value(_ key: ConversationKey) -> Int? { values[key] }
        guard let id = tape.int64(value(.id)) else { return nil }
        var snapshot = ConversationSnapshot(id: id)
        let createdAt = timestamp(value(.createdAt)), closedAt = timestamp(value(.closedAt))
        var newest = Timestamp.later(Timestamp.later(createdAt, closedAt), timestamp(value(.userUpdatedAt)))
        if value(.userUpdatedAt) == nil {
            // v1 objects carry userModifiedAt and modifiedAt instead: looked up only then, so v2
            // bodies pay nothing for them.
            newest = Timestamp.later(newest, timestamp(member(object, "userModifiedAt")))
            newest = Timestamp.later(newest, timestamp(member(object, "modifiedAt")))
        }
        var threadList: Int?
        if let embedded = value(.embedded), let list = tape.members(embedded, Self.embeddedKeys)[EmbeddedKey.threads],
            tape.kind(list) == .array
        {
            threadList = list
        } else if let list = value(.threads), tape.kind(list) == .array {
            threadList = list
        }
        if let threadList {
            if facts { snapshot.threads.reserveCapacity(tape.count(threadList)) }
            var element = threadList + 1
            let end = Int(tape.tokens[threadList].next)
            while element < end {
                if tape.kind(element) == .object {
                    let (thread, createdAt) = embeddedThread(element, facts: facts)
                    newest = Timestamp.later(newest, createdAt)
                    if let thread { snapshot.threads.append(thread) }
                }
                element = Int(tape.tokens[element].next)
            }
        }
        guard facts else { return (snapshot, newest) }
        snapshot.number = tape.int64(value(.number))
        snapshot.status = tape.string(value(.status))
        snapshot.createdAt = createdAt
        snapshot.closedAt = closedAt
        let assignee = value(.assignee).flatMap { tape.kind($0) == .null ? nil : $0 } ?? value(.owner)
        snapshot.assignee = person(assignee, named: true)
        snapshot.mailbox = mailbox(id: value(.mailboxId), object: value(.mailbox))
        if let tags = value(.tags), tape.kind(tags) == .array { snapshot.tags = tagNames(tags) }
        // v2 names the conversation's customer `primaryCustomer`, v1 `customer`.
        snapshot.customerId =
            (person(value(.primaryCustomer), named: false) ?? person(value(.customer), named: false))?.id
        return (snapshot, newest)
    }

    /// An embedded thread and its time; the thread is nil when not wanted (statuses only).
    private mutating func embeddedThread(_ object: Int, facts: Bool) -> (ThreadRecord?, Timestamp?) {
        guard facts else { return (nil, thread(object, kind: nil, facts: false).createdAt) }
        let thread = thread(object, kind: nil)
        return (thread, thread.createdAt)
    }

    /// A thread object; its kind comes from the event type when given, else from its `type`.
    mutating func thread(_ object: Int, kind fixedKind: ThreadRecord.Kind?, facts: Bool = true) -> ThreadRecord {
        let values = tape.members(object, Self.threadKeys)
        let createdAt = timestamp(values[ThreadKey.createdAt])
        guard facts else { return ThreadRecord(id: nil, kind: .other, createdAt: createdAt) }
        let createdBy = values[ThreadKey.createdBy]
        let kind = fixedKind ?? threadKind(type: values[ThreadKey.type], createdBy: createdBy)
        return ThreadRecord(
            id: tape.int64(values[ThreadKey.id]), kind: kind, createdAt: createdAt,
            author: person(createdBy, named: kind == .agentReply || kind == .note))
    }

    private func threadKind(type: Int?, createdBy: Int?) -> ThreadRecord.Kind {
        guard let type else { return .other }
        if isWord(type, "customer") { return .customerMessage }
        if isWord(type, "message") || isWord(type, "reply") { return .agentReply }
        if isWord(type, "note") { return .note }
        guard isWord(type, "chat") || isWord(type, "phone") || isWord(type, "beaconchat") else { return .other }
        guard let authorType = createdBy.flatMap({ tape.members($0, Self.personKeys)[PersonKey.type] }) else {
            return .other
        }
        if isWord(authorType, "customer") { return .customerMessage }
        if isWord(authorType, "user") { return .agentReply }
        return .other
    }

    /// Whether the value at `index` is a string equal to the lower-case `word`, ignoring ASCII case.
    private func isWord(_ index: Int, _ word: StaticString) -> Bool {
        tape.keyEqualsIgnoringCase(index, word)
    }

    /// A person object with an integer `id`; with `named`, its name from `first`/`last` or
    /// `firstName`/`lastName` (customers' names are never needed).
    mutating func person(_ object: Int?, named: Bool) -> Person? {
        guard let object else { return nil }
        let values = tape.members(object, Self.personKeys)
        guard let id = tape.int64(values[PersonKey.id]) else { return nil }
        guard named else { return Person(id: id) }
        func text(_ index: Int?) -> Int? { index.flatMap { tape.kind($0) == .string ? $0 : nil } }
        let first = text(values[PersonKey.first]) ?? text(values[PersonKey.firstName])
        let last = text(values[PersonKey.last]) ?? text(values[PersonKey.lastName])
        if let name = names.name(of: id, first: first, last: last, in: tape) { return Person(id: id, name: name) }
        let firstName = first.map(tape.decodedString)?.trimmed ?? ""
        let lastName = last.map(tape.decodedString)?.trimmed ?? ""
        let name = firstName.isEmpty ? lastName : (lastName.isEmpty ? firstName : firstName + " " + lastName)
        names.keep(name.isEmpty ? nil : name, of: id, first: first, last: last, in: tape)
        return Person(id: id, name: name.isEmpty ? nil : name)
    }

    /// A mailbox from `mailboxId` or a nested `mailbox` object (whose `name` is kept).
    func mailbox(id idValue: Int?, object: Int?) -> Mailbox? {
        let nested = object.map { tape.members($0, Self.namedKeys) }.map { ($0[NamedKey.id], $0[NamedKey.name]) }
        guard let id = tape.int64(idValue) ?? tape.int64(nested?.0 ?? nil) else { return nil }
        return Mailbox(id: id, name: tape.string(nested?.1 ?? nil))
    }

    /// Tag names from strings or `{"tag": …}` objects, trimmed and lower-cased; empty names dropped.
    private func tagNames(_ array: Int) -> [String] {
        var names: [String] = []
        names.reserveCapacity(tape.count(array))
        tape.forEachElement(array) { element in
            let raw = tape.kind(element) == .string ? tape.string(element) : tape.string(member(element, "tag"))
            if let name = raw?.normalisedTag, !name.isEmpty { names.append(name) }
        }
        return names
    }

    /// A rating object; nil without an integer `conversationId` (v1: `ticketId`). Without `facts`,
    /// only the id is read.
    mutating func rating(_ object: Int, facts: Bool) -> RatingRecord? {
        let values = tape.members(object, Self.ratingKeys)
        func value(_ key: RatingKey) -> Int? { values[key] }
        guard let conversationId = tape.int64(value(.conversationId)) ?? tape.int64(value(.ticketId)) else {
            return nil
        }
        guard facts else {
            return RatingRecord(id: nil, threadId: nil, conversationId: conversationId, score: .unknown)
        }
        let agent = person(value(.user), named: true) ?? tape.int64(value(.userId)).map { Person(id: $0) }
        return RatingRecord(
            id: tape.int64(value(.id)), threadId: tape.int64(value(.threadId)), conversationId: conversationId,
            score: score(value(.rating)), agent: agent,
            mailboxId: mailbox(id: value(.mailboxId), object: value(.mailbox))?.id,
            comments: tape.string(value(.comments)), customerId: person(value(.customer), named: false)?.id)
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
        switch tape.string(index)?.normalisedTag {
        case "great", "1": return .great
        case "okay", "ok", "2": return .okay
        case "not good", "not_good", "bad", "3": return .notGood
        default: return .unknown
        }
    }
}
