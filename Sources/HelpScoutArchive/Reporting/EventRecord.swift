/// A verified event flattened into one schema, whatever the body's shape: a line of `hsarchive events`.
package struct EventRecord: Sendable, Equatable {
    package static let columns = [
        "time", "type", "shape", "conversation_id", "mailbox_id", "status", "assignee_id", "thread_id", "thread_kind",
        "author_id", "rating", "rating_id", "comments", "customer_id", "tags", "file", "line",
    ]

    package var time: Timestamp
    package var type: String
    package var shape: String
    package var conversationId: Int64?
    package var mailboxId: Int64?
    package var status: String?
    package var assigneeId: Int64?
    package var threadId: Int64?
    package var threadKind: String?
    package var authorId: Int64?
    package var rating: String?
    package var ratingId: Int64?
    package var comments: String?
    package var customerId: Int64?
    package var tags: [String]?
    package var file: String
    package var line: Int

    package init(_ event: DecodedEvent, file: String, line: Int) {
        time = event.time
        type = event.type.name
        shape = event.isEnvelope ? "envelope" : "bare"
        self.file = file
        self.line = line
        conversationId = event.payload.conversationId
        switch event.payload {
        case .conversation(let snapshot):
            mailboxId = snapshot.mailbox?.id
            customerId = snapshot.customerId
            status = snapshot.status
            assigneeId = snapshot.assignee?.id
            tags = snapshot.tags
            if let kind = event.type.threadKind {
                // A bare reply or note event carries the whole conversation: its new thread is the newest of that kind.
                let newest = snapshot.threads.filter { $0.kind == kind && $0.createdAt != nil }
                    .max { ($0.createdAt!, $0.id ?? .min) < ($1.createdAt!, $1.id ?? .min) }
                if let newest { setThread(newest) }
            }
        case .thread(_, let thread):
            setThread(thread)
        case .rating(let record):
            rating = Self.name(record.score)
            ratingId = record.id
            comments = record.comments
            customerId = record.customerId
            threadId = record.threadId
            authorId = record.agent?.id
            mailboxId = record.mailboxId
        case .customer(let id):
            customerId = id
        case .deletion, .merge, .unanalysed:
            break
        }
    }

    private mutating func setThread(_ thread: ThreadRecord) {
        threadId = thread.id
        threadKind = Self.name(thread.kind)
        authorId = thread.author?.id
    }

    static func name(_ kind: ThreadRecord.Kind) -> String {
        switch kind {
        case .customerMessage: return "customer_message"
        case .agentReply: return "agent_reply"
        case .note: return "note"
        case .other: return "other"
        }
    }

    static func name(_ score: RatingRecord.Score) -> String {
        switch score {
        case .great: return "great"
        case .okay: return "okay"
        case .notGood: return "not_good"
        case .unknown: return "unknown"
        }
    }

    /// Time with milliseconds always, so that lines sort by time as text.
    package var sortableTime: String {
        let text = time.rfc3339
        return text.contains(".") ? text : String(text.dropLast()) + ".000Z"
    }

    /// One JSON object on one line, keys in `columns` order, `null` for what the event lacks.
    package func jsonLine() -> String {
        func number(_ value: Int64?) -> String { value.map(String.init) ?? "null" }
        let values = [
            sortableTime.jsonQuoted, type.jsonQuoted, shape.jsonQuoted, number(conversationId),
            number(mailboxId), status.jsonQuotedOrNull, number(assigneeId), number(threadId),
            threadKind.jsonQuotedOrNull,
            number(authorId),
            rating.jsonQuotedOrNull, number(ratingId), comments.jsonQuotedOrNull, number(customerId),
            tags.map { "[" + $0.map(\.jsonQuoted).joined(separator: ",") + "]" } ?? "null",
            file.jsonQuoted, String(line),
        ]
        return "{" + zip(Self.columns, values).map { "\"\($0)\":\($1)" }.joined(separator: ",") + "}\n"
    }

    /// One CSV row; tags joined with `;` (see `csvTagList`).
    package func csvRow() -> String {
        func text(_ value: Int64?) -> String { value.map(String.init) ?? "" }
        return CSVWriter.row([
            sortableTime, type, shape, text(conversationId), text(mailboxId), status ?? "", text(assigneeId),
            text(threadId),
            threadKind ?? "", text(authorId), rating ?? "", text(ratingId), comments ?? "", text(customerId),
            tags.map(Self.csvTagList) ?? "",
            file, String(line),
        ])
    }

    /// Tags as one CSV cell: joined with `;`, a `;` or `\` inside a tag written `\;` or `\\`, so the
    /// list splits back unambiguously at every `;` that no backslash escapes.
    static func csvTagList(_ tags: [String]) -> String {
        tags.map { tag in
            var escaped = ""
            for character in tag {
                if character == ";" || character == "\\" { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped
        }.joined(separator: ";")
    }
}
