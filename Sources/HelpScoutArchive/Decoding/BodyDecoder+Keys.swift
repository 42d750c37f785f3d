/// The members of Help Scout's objects that the decoder reads, v1 and v2 names alike.
extension BodyDecoder {
    enum ConversationKey: Int, JSONObjectKey {
        case id, number, status, createdAt, closedAt, userUpdatedAt, assignee, owner, mailboxId, mailbox, tags,
            embedded, threads, primaryCustomer, customer

        var key: StaticString {
            switch self {
            case .id: "id"
            case .number: "number"
            case .status: "status"
            case .createdAt: "createdAt"
            case .closedAt: "closedAt"
            case .userUpdatedAt: "userUpdatedAt"
            case .assignee: "assignee"
            case .owner: "owner"
            case .mailboxId: "mailboxId"
            case .mailbox: "mailbox"
            case .tags: "tags"
            case .embedded: "_embedded"
            case .threads: "threads"
            case .primaryCustomer: "primaryCustomer"
            case .customer: "customer"
            }
        }
    }

    /// The members of a conversation's `_embedded` object.
    enum EmbeddedKey: Int, JSONObjectKey {
        case threads

        var key: StaticString { "threads" }
    }

    enum ThreadKey: Int, JSONObjectKey {
        case id, type, createdAt, createdBy

        var key: StaticString {
            switch self {
            case .id: "id"
            case .type: "type"
            case .createdAt: "createdAt"
            case .createdBy: "createdBy"
            }
        }
    }

    /// The members of a user or customer object.
    enum PersonKey: Int, JSONObjectKey {
        case id, type, first, last, firstName, lastName

        var key: StaticString {
            switch self {
            case .id: "id"
            case .type: "type"
            case .first: "first"
            case .last: "last"
            case .firstName: "firstName"
            case .lastName: "lastName"
            }
        }
    }

    enum RatingKey: Int, JSONObjectKey {
        case id, threadId, conversationId, ticketId, rating, user, userId, mailboxId, mailbox, comments, customer

        var key: StaticString {
            switch self {
            case .id: "id"
            case .threadId: "threadId"
            case .conversationId: "conversationId"
            case .ticketId: "ticketId"
            case .rating: "rating"
            case .user: "user"
            case .userId: "userId"
            case .mailboxId: "mailboxId"
            case .mailbox: "mailbox"
            case .comments: "comments"
            case .customer: "customer"
            }
        }
    }

    /// The members of a nested object that has an id and a name, such as a mailbox.
    enum NamedKey: Int, JSONObjectKey {
        case id, name

        var key: StaticString {
            switch self {
            case .id: "id"
            case .name: "name"
            }
        }
    }
}
