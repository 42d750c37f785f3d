import HelpScoutArchive

/// Writes simulated events as webhook bodies in either shape.
enum SampleBodies {
    static func time(_ milliseconds: Int64) -> JSONValue {
        .string(Timestamp(milliseconds: milliseconds).rfc3339)
    }

    /// The bare body Help Scout really sends: the resource itself.
    static func bare(_ event: SimulatedEvent) -> JSONValue {
        switch event.subject {
        case .conversation(let conversation), .thread(_, let conversation), .merge(let conversation, _),
            .custom(let conversation):
            return conversationV2(conversation)
        case .deletion(let id):
            return .object([("id", .int(id))])
        case .customer(let customer, let createdAt):
            return customerObject(customer, createdAt: createdAt, updatedAt: event.time)
        case .rating(let rating):
            var members: [(String, JSONValue)] = [
                ("id", .int(rating.id)), ("conversationId", .int(rating.conversationId)),
                ("threadId", .int(rating.threadId)), ("rating", .string(rating.rating)),
                ("comments", rating.comments.map(JSONValue.string) ?? .null),
                (
                    "customer",
                    .object([
                        ("id", .int(rating.customer.id)), ("first", .string(rating.customer.first)),
                        ("last", .string(rating.customer.last)),
                    ])
                ),
                ("mailboxId", .int(rating.mailboxId)),
            ]
            if let agent = rating.agent { members.append(("user", person(agent))) }
            members.append(("createdAt", time(rating.createdAt)))
            members.append(("modifiedAt", time(rating.modifiedAt)))
            return .object(members)
        }
    }

    /// The envelope shape: `{eventType, createdAt, primaryKey, object}`.
    static func envelope(_ event: SimulatedEvent) -> JSONValue {
        let object: JSONValue
        let primaryKey: Int64
        switch event.subject {
        case .conversation(let conversation), .custom(let conversation):
            object = conversationV1(conversation)
            primaryKey = conversation.id
        case .thread(let thread, let conversation):
            var members = threadMembers(thread, conversation: conversation)
            members.append(("conversationId", .int(conversation.id)))
            object = .object(members)
            primaryKey = thread.id
        case .deletion(let id):
            object = .object([("id", .int(id))])
            primaryKey = id
        case .merge(let conversation, let mergedId):
            object = .object([("id", .int(conversation.id)), ("mergedConversationId", .int(mergedId))])
            primaryKey = conversation.id
        case .customer(let customer, let createdAt):
            object = customerObject(customer, createdAt: createdAt, updatedAt: event.time)
            primaryKey = customer.id
        case .rating(let rating):
            var members: [(String, JSONValue)] = [
                ("conversationId", .int(rating.conversationId)), ("threadId", .int(rating.threadId)),
                ("customer", .object([("id", .int(rating.customer.id)), ("email", .string(rating.customer.email))])),
                ("rating", .string(rating.rating == "not_good" ? "Not Good" : rating.rating.capitalized)),
                ("comments", rating.comments.map(JSONValue.string) ?? .null),
                ("ratedAt", time(rating.modifiedAt)),
            ]
            if let agent = rating.agent { members.append(("user", person(agent))) }
            object = .object(members)
            primaryKey = rating.id
        }
        return .object([
            ("eventType", .string(event.type)), ("createdAt", time(event.time)),
            ("primaryKey", .int(primaryKey)), ("object", object),
        ])
    }

    static func person(_ agent: SampleCast.Agent) -> JSONValue {
        .object([
            ("id", .int(agent.id)), ("type", .string("user")), ("first", .string(agent.first)),
            ("last", .string(agent.last)), ("email", .string("\(agent.first.lowercased())@acme.test")),
        ])
    }

    static func customerPerson(_ customer: SampleCast.Customer) -> JSONValue {
        .object([
            ("id", .int(customer.id)), ("type", .string("customer")), ("first", .string(customer.first)),
            ("last", .string(customer.last)), ("email", .string(customer.email)),
        ])
    }

    static func customerObject(_ customer: SampleCast.Customer, createdAt: Int64, updatedAt: Int64) -> JSONValue {
        .object([
            ("id", .int(customer.id)), ("firstName", .string(customer.first)), ("lastName", .string(customer.last)),
            (
                "emails",
                .array([
                    .object([
                        ("id", .int(customer.id * 3)), ("value", .string(customer.email)), ("type", .string("work")),
                    ])
                ])
            ),
            ("phones", .array([])), ("organization", .null), ("jobTitle", .null), ("background", .null),
            ("createdAt", time(createdAt)), ("updatedAt", time(updatedAt)),
        ])
    }

    static func threadMembers(_ thread: SimulatedThread, conversation: SimulatedConversation) -> [(String, JSONValue)] {
        let createdBy: JSONValue
        switch thread.author {
        case .customer: createdBy = customerPerson(conversation.customer)
        case .agent(let agent): createdBy = person(agent)
        }
        return [
            ("id", .int(thread.id)), ("type", .string(thread.type)), ("status", .string("active")),
            ("state", .string("published")), ("body", .string(thread.body)),
            (
                "source",
                .object([
                    ("type", .string(thread.type == "chat" ? "chat" : "email")),
                    ("via", .string(isCustomer(thread) ? "customer" : "user")),
                ])
            ),
            ("createdBy", createdBy), ("assignedTo", conversation.assignee.map(person) ?? .null),
            ("to", .array([])), ("cc", .array([])), ("bcc", .array([])), ("attachments", .array([])),
            ("createdAt", time(thread.createdAt)), ("openedAt", .null),
        ]
    }

    private static func isCustomer(_ thread: SimulatedThread) -> Bool {
        if case .customer = thread.author { return true }
        return false
    }

    /// A v2 Conversation, threads embedded newest first, tags as objects, `threads` as a count.
    static func conversationV2(_ conversation: SimulatedConversation) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .int(conversation.id)), ("number", .int(conversation.number)),
            ("threads", .int(Int64(conversation.threads.count))),
            ("type", .string(conversation.isChat ? "chat" : "email")),
            ("folderId", .int(conversation.mailbox.id * 10)), ("status", .string(conversation.status)),
            ("state", .string("published")), ("subject", .string(conversation.subject)),
            ("preview", .string(String(conversation.threads.last?.body.dropFirst(3).prefix(80) ?? ""))),
            ("mailboxId", .int(conversation.mailbox.id)),
        ]
        if let assignee = conversation.assignee { members.append(("assignee", person(assignee))) }
        members += [
            ("createdBy", customerPerson(conversation.customer)), ("createdAt", time(conversation.createdAt)),
            ("closedAt", conversation.closedAt.map(time) ?? .null), ("userUpdatedAt", time(conversation.userUpdatedAt)),
            ("source", .object([("type", .string("email")), ("via", .string("customer"))])),
            (
                "tags",
                .array(
                    conversation.tags.enumerated().map { index, tag in
                        .object([
                            ("id", .int(Int64(9000 + index))), ("color", .string("#A5B2BD")), ("tag", .string(tag)),
                        ])
                    })
            ),
            ("cc", .array([])), ("bcc", .array([])), ("primaryCustomer", customerPerson(conversation.customer)),
            ("customFields", .array([])),
            (
                "_embedded",
                .object([
                    (
                        "threads",
                        .array(
                            conversation.threads.reversed().map {
                                .object(threadMembers($0, conversation: conversation))
                            })
                    )
                ])
            ),
            (
                "_links",
                .object([
                    (
                        "self",
                        .object([("href", .string("https://api.helpscout.net/v2/conversations/\(conversation.id)"))])
                    )
                ])
            ),
        ]
        return .object(members)
    }

    /// An envelope-style conversation: `owner`, a nested `mailbox`, tags as strings, a `threads` array.
    static func conversationV1(_ conversation: SimulatedConversation) -> JSONValue {
        .object([
            ("id", .int(conversation.id)), ("number", .int(conversation.number)),
            ("subject", .string(conversation.subject)), ("status", .string(conversation.status)),
            ("type", .string("email")), ("createdAt", time(conversation.createdAt)),
            ("closedAt", conversation.closedAt.map(time) ?? .null), ("userUpdatedAt", time(conversation.userUpdatedAt)),
            ("customer", customerPerson(conversation.customer)),
            ("owner", conversation.assignee.map(person) ?? .null),
            (
                "mailbox",
                .object([("id", .int(conversation.mailbox.id)), ("name", .string(conversation.mailbox.name))])
            ),
            ("tags", .array(conversation.tags.map(JSONValue.string))),
            ("threads", .array(conversation.threads.map { .object(threadMembers($0, conversation: conversation)) })),
        ])
    }
}
