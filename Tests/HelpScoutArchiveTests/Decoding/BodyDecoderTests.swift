import HelpScoutArchiveSamples
import Testing

@testable import HelpScoutArchive

@Suite struct BodyDecoderTests {
    func decode(_ body: String, header: String?, receivedAt: String? = nil) -> BodyDecoder.Outcome {
        var decoder = BodyDecoder()
        var bytes = Array(body.utf8)
        return bytes.withUnsafeMutableBytes {
            decoder.decode(
                UnsafeRawBufferPointer($0), eventHeader: header.map(EventType.init(name:)),
                receivedAt: receivedAt.flatMap(Timestamp.parse))
        }
    }

    func event(
        _ body: String, header: String?, receivedAt: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) -> DecodedEvent? {
        guard case .event(let event) = decode(body, header: header, receivedAt: receivedAt) else {
            Issue.record(
                "not an event: \(decode(body, header: header, receivedAt: receivedAt))", sourceLocation: sourceLocation)
            return nil
        }
        return event
    }

    func undecodableReason(_ body: String, header: String?, receivedAt: String? = nil) -> String? {
        if case .undecodable(let reason, _) = decode(body, header: header, receivedAt: receivedAt) { return reason }
        return nil
    }

    @Test func aBareConversationTakesItsNewestTimestampAndItsThreads() throws {
        let body = """
            {"id":7,"status":"closed","createdAt":"2026-10-05T10:00:00Z","userUpdatedAt":"2026-10-05T11:00:00Z",
             "closedAt":"2026-10-05T12:00:00Z","threads":3,"mailbox":{"id":101,"name":"Support"},
             "owner":{"id":301,"firstName":"Ana","lastName":"Lima"},"tags":[{"tag":" VIP "},"Billing"],
             "_embedded":{"threads":[
               {"id":2,"type":"reply","createdAt":"2026-10-05T13:00:00Z","createdBy":{"id":301,"type":"user"}},
               {"id":1,"type":"customer","createdAt":"2026-10-05T10:00:00Z","createdBy":{"id":9,"type":"customer"}},
               {"id":3,"type":"chat","createdAt":"2026-10-05T09:00:00Z","createdBy":{"id":9,"type":"customer"}},
               {"id":4,"type":"note","createdAt":"not a time"}]}}
            """
        let event = try #require(self.event(body, header: "convo.status"))
        #expect(event.type == .status)
        #expect(event.time == Timestamp.parse("2026-10-05T13:00:00Z"))
        guard case .conversation(let snapshot) = event.payload else {
            Issue.record("not a snapshot")
            return
        }
        #expect(snapshot.id == 7 && snapshot.status == "closed")
        #expect(snapshot.mailbox == Mailbox(id: 101, name: "Support"))
        #expect(snapshot.assignee == Person(id: 301, name: "Ana Lima"))
        #expect(snapshot.tags == ["vip", "billing"])
        #expect(snapshot.threads.map(\.kind) == [.agentReply, .customerMessage, .customerMessage, .note])
        #expect(snapshot.threads[0].author?.id == 301)
    }

    /// A decoder keeps the names it made (`PersonNames`): one decoder over many bodies must name
    /// each person from that body's bytes, whether the name changed, came by the other key, lost a
    /// part, or arrived after more people than it keeps.
    @Test func aDecoderKeepingNamesNamesEachPersonAsTheBodySays() throws {
        var decoder = BodyDecoder()
        func assignee(_ owner: String) -> Person? {
            let body = "{\"id\":7,\"createdAt\":\"2026-10-05T10:00:00Z\",\"owner\":\(owner)}"
            var bytes = Array(body.utf8)
            let outcome = bytes.withUnsafeMutableBytes {
                decoder.decode(
                    UnsafeRawBufferPointer($0), eventHeader: EventType(name: "convo.assigned"), receivedAt: nil)
            }
            guard case .event(let event) = outcome, case .conversation(let snapshot) = event.payload else { return nil }
            return snapshot.assignee
        }
        let named: [(String, String?)] = [
            (#"{"id":301,"first":"Ana","last":"Lima"}"#, "Ana Lima"),
            (#"{"id":301,"first":"Ana","last":"Lima"}"#, "Ana Lima"),
            (#"{"id":301,"first":"Ana","last":"Souza"}"#, "Ana Souza"),
            (#"{"id":301,"firstName":"Ana","lastName":"Souza"}"#, "Ana Souza"),
            (#"{"id":301,"first":" Bia ","lastName":"Souza"}"#, "Bia Souza"),
            (#"{"id":301,"first":"Bia"}"#, "Bia"),
            (#"{"id":301,"first":"B\u0069a"}"#, "Bia"),
            (#"{"id":301,"first":"","last":" "}"#, nil),
            (#"{"id":301,"first":null,"firstName":"Cy"}"#, "Cy"),
            (#"{"id":302,"first":"Cy"}"#, "Cy"),
            (#"{"id":301,"first":"Ana","last":"Lima"}"#, "Ana Lima"),
        ]
        for (owner, name) in named {
            #expect(assignee(owner) == Person(id: Int64(owner.dropFirst(6).prefix(3))!, name: name), "\(owner)")
        }
        for id in 0..<(PersonNames.limit + 10) {
            #expect(assignee("{\"id\":\(1000 + id),\"first\":\"P\(id)\"}")?.name == "P\(id)")
        }
        #expect(assignee(#"{"id":1000,"first":"Q"}"#)?.name == "Q")
        #expect(assignee(#"{"id":301,"first":"Ana","last":"Lima"}"#)?.name == "Ana Lima")
        #expect(decoder.names.count <= PersonNames.limit)
        let long = String(repeating: "x", count: PersonNames.longest)
        #expect(assignee("{\"id\":9,\"first\":\"\(long)\"}")?.name == long)
        #expect(assignee("{\"id\":9,\"first\":\"\(long)\"}")?.name == long)
    }

    /// Names are kept for at most `PersonNames.limit` ids, and none longer than `longest` bytes.
    @Test func aDecoderKeepsNamesForBoundedlyManyPeople() {
        var decoder = BodyDecoder()
        for id in 0..<(3 * PersonNames.limit / 2) {
            let body = "{\"id\":7,\"createdAt\":\"2026-10-05T10:00:00Z\",\"owner\":{\"id\":\(id),\"first\":\"P\(id)\"}}"
            var bytes = Array(body.utf8)
            _ = bytes.withUnsafeMutableBytes {
                decoder.decode(
                    UnsafeRawBufferPointer($0), eventHeader: EventType(name: "convo.assigned"), receivedAt: nil)
            }
            #expect(decoder.names.count <= PersonNames.limit)
        }
        #expect(decoder.names.count == PersonNames.limit / 2)
        var long = BodyDecoder()
        let body =
            "{\"id\":7,\"createdAt\":\"2026-10-05T10:00:00Z\",\"owner\":{\"id\":1,\"first\":\"\(String(repeating: "y", count: PersonNames.longest + 1))\"}}"
        var bytes = Array(body.utf8)
        _ = bytes.withUnsafeMutableBytes {
            long.decode(UnsafeRawBufferPointer($0), eventHeader: EventType(name: "convo.assigned"), receivedAt: nil)
        }
        #expect(long.names.count == 0)
    }

    @Test func aBareBodyWithoutTimestampsFallsBackToReceivedAt() throws {
        let event = try #require(self.event("{\"id\":5}", header: "convo.deleted", receivedAt: "2026-10-06T08:00:00Z"))
        #expect(event.time == Timestamp.parse("2026-10-06T08:00:00Z"))
        guard case .deletion(let id) = event.payload else {
            Issue.record("not a deletion")
            return
        }
        #expect(id == 5)
        // convo.deleted takes receivedAt even when its body has a time.
        let deleted = try #require(
            self.event(
                "{\"id\":5,\"createdAt\":\"2026-01-01T00:00:00Z\"}", header: "convo.deleted",
                receivedAt: "2026-10-06T08:00:00Z"))
        #expect(deleted.time == Timestamp.parse("2026-10-06T08:00:00Z"))
        #expect(undecodableReason("{\"id\":5}", header: "convo.deleted")?.contains("no event time") == true)
    }

    @Test func anEnvelopeTakesItsTypeAndTimeFromTheBody() throws {
        let body = """
            {"eventType":"convo.agent.reply.created","createdAt":"2026-10-05T10:05:00-02:00","primaryKey":11,
             "object":{"id":11,"conversationId":7,"type":"message","createdAt":"2026-10-05T12:04:00Z","createdBy":{"id":302}}}
            """
        for header in [nil, "convo.agent.reply.created"] {
            let event = try #require(self.event(body, header: header))
            #expect(event.isEnvelope && event.type == .agentReplyCreated)
            #expect(event.time == Timestamp.parse("2026-10-05T12:05:00Z"))
            guard case .thread(let conversation, let thread) = event.payload else {
                Issue.record("not a thread")
                return
            }
            #expect(conversation == 7 && thread.kind == .agentReply && thread.author?.id == 302)
        }
    }

    @Test func anEnvelopeWhoseHeaderDisagreesIsCaught() {
        let body =
            "{\"eventType\":\"satisfaction.ratings\",\"createdAt\":\"2026-10-05T10:00:00Z\",\"object\":{\"conversationId\":1,\"rating\":\"great\"}}"
        guard case .eventHeaderMismatch(let header, let bodyType) = decode(body, header: "convo.created") else {
            Issue.record("mismatch not caught")
            return
        }
        #expect(header == "convo.created" && bodyType == "satisfaction.ratings")
    }

    @Test func ratingsNormaliseTheirScores() throws {
        let cases: [(String, RatingRecord.Score)] = [
            ("\"great\"", .great), ("\"Okay\"", .okay), ("\"ok\"", .okay), ("\"Not Good\"", .notGood),
            ("\"not_good\"", .notGood), ("\"BAD\"", .notGood), ("1", .great), ("2", .okay), ("3", .notGood),
            ("4", .unknown), ("\"meh\"", .unknown), ("null", .unknown),
        ]
        for (value, score) in cases {
            let body =
                "{\"id\":1,\"conversationId\":7,\"rating\":\(value),\"user\":{\"id\":301},\"mailboxId\":101,\"createdAt\":\"2026-10-05T10:00:00Z\"}"
            let event = try #require(self.event(body, header: "satisfaction.ratings"))
            guard case .rating(let rating) = event.payload else {
                Issue.record("not a rating")
                return
            }
            #expect(rating.score == score, "rating \(value)")
            #expect(rating.agent?.id == 301 && rating.mailboxId == 101)
        }
    }

    /// The events' `customer_id` of a conversation event comes from its customer: v2 names it
    /// `primaryCustomer`, v1 `customer`; a rating names its customer and carries the comment.
    @Test func aConversationsCustomerIsReadInEitherVersionAndARatingKeepsItsComment() throws {
        func customer(_ body: String) throws -> Int64? {
            let event = try #require(self.event(body, header: "convo.assigned"))
            guard case .conversation(let snapshot) = event.payload else { return nil }
            return snapshot.customerId
        }
        let start = "{\"id\":7,\"createdAt\":\"2026-10-05T10:00:00Z\""
        #expect(try customer(start + ",\"primaryCustomer\":{\"id\":500,\"email\":\"a@b.test\"}}") == 500)
        #expect(try customer(start + ",\"customer\":{\"id\":501,\"firstName\":\"Kim\"}}") == 501)
        #expect(try customer(start + ",\"customer\":{\"email\":\"no id\"}}") == nil)
        #expect(try customer(start + "}") == nil)
        let body =
            "{\"id\":1,\"conversationId\":7,\"rating\":\"great\",\"customer\":{\"id\":502},\"comments\":\"Fast \\u2014 thanks\",\"createdAt\":\"2026-10-05T10:00:00Z\"}"
        let event = try #require(self.event(body, header: "satisfaction.ratings"))
        guard case .rating(let rating) = event.payload else {
            Issue.record("not a rating")
            return
        }
        #expect(rating.customerId == 502 && rating.comments == "Fast \u{2014} thanks")
        let record = EventRecord(event, file: "-", line: 1)
        #expect(record.customerId == 502 && record.comments == "Fast \u{2014} thanks")
    }

    /// Legacy (v1) bodies: a rating names its conversation `ticketId` and its mailbox as an object,
    /// with `Bad` for not good and no `user`; conversations and customers carry `modifiedAt` and
    /// `userModifiedAt`, which count toward the event time (a v1 `customer.updated` was dated at the
    /// customer's creation, months early).
    @Test func legacyRatingsAndTimesAreRead() throws {
        let ratingBody =
            "{\"id\":9,\"ticketId\":7001,\"threadId\":88,\"rating\":\"Bad\",\"comments\":\"slow\",\"mailbox\":{\"id\":101,\"name\":\"Support\"},\"createdAt\":\"2026-10-05T10:00:00Z\"}"
        let rated = try #require(self.event(ratingBody, header: "satisfaction.ratings"))
        guard case .rating(let rating) = rated.payload else {
            Issue.record("not a rating")
            return
        }
        #expect(rating.conversationId == 7001 && rating.score == .notGood && rating.agent == nil)
        #expect(rating.mailboxId == 101 && rating.threadId == 88 && rating.comments == "slow")

        let customer = try #require(
            self.event(
                "{\"id\":5,\"createdAt\":\"2025-01-02T08:00:00Z\",\"modifiedAt\":\"2026-10-05T09:30:00Z\"}",
                header: "customer.updated"))
        #expect(customer.time == Timestamp.parse("2026-10-05T09:30:00Z"))
        let conversation = try #require(
            self.event(
                "{\"id\":7,\"createdAt\":\"2026-10-01T08:00:00Z\",\"userModifiedAt\":\"2026-10-05T11:00:00Z\",\"modifiedAt\":\"2026-10-05T11:00:05Z\"}",
                header: "convo.status"))
        #expect(conversation.time == Timestamp.parse("2026-10-05T11:00:05Z"))
        // A v2 body's userUpdatedAt wins: v1 fields are not looked for beside it.
        let v2 = try #require(
            self.event(
                "{\"id\":7,\"createdAt\":\"2026-10-01T08:00:00Z\",\"userUpdatedAt\":\"2026-10-05T11:00:00Z\",\"modifiedAt\":\"2026-10-06T00:00:00Z\"}",
                header: "convo.status"))
        #expect(v2.time == Timestamp.parse("2026-10-05T11:00:00Z"))
    }

    /// Types Help Scout added later are counted by name; those of a conversation (`convo.…`) whose
    /// body or object is a conversation also feed its snapshots, in either shape.
    @Test func newerConversationEventsFeedSnapshots() throws {
        let conversation =
            "{\"id\":7,\"status\":\"pending\",\"assignee\":{\"id\":305},\"userUpdatedAt\":\"2026-10-05T18:13:32Z\"}"
        let bare = try #require(
            self.event(conversation, header: "convo.custom-fields", receivedAt: "2026-10-05T18:14:00Z"))
        guard case .conversation(let snapshot) = bare.payload else {
            Issue.record("not a snapshot: \(bare.payload)")
            return
        }
        #expect(
            snapshot.id == 7 && snapshot.assignee?.id == 305 && bare.time == Timestamp.parse("2026-10-05T18:13:32Z"))
        let envelope = try #require(
            self.event(
                "{\"eventType\":\"convo.ai-answers.created\",\"createdAt\":\"2026-10-05T19:00:00Z\",\"object\":\(conversation)}",
                header: nil))
        #expect(envelope.payload.conversationId == 7 && envelope.type.name == "convo.ai-answers.created")
        // Other new types, and a convo. body that is no conversation, are events counted by name.
        for (body, type) in [
            ("{\"id\":5}", "customer.deleted"), ("{\"name\":\"x\"}", "convo.something"), (conversation, "tag.created"),
        ] {
            let event = try #require(self.event(body, header: type, receivedAt: "2026-10-05T18:14:00Z"))
            #expect(event.payload.conversationId == nil && event.type.name == type, "\(type)")
        }
    }

    @Test func whatLacksItsIdOrTypeIsUndecodable() {
        #expect(
            undecodableReason("{\"status\":\"active\",\"createdAt\":\"2026-10-05T10:00:00Z\"}", header: "convo.created")
                != nil)
        #expect(
            undecodableReason("{\"id\":\"abc\",\"createdAt\":\"2026-10-05T10:00:00Z\"}", header: "convo.created") != nil
        )
        #expect(
            undecodableReason(
                "{\"rating\":\"great\",\"createdAt\":\"2026-10-05T10:00:00Z\"}", header: "satisfaction.ratings") != nil)
        #expect(undecodableReason("{\"createdAt\":\"2026-10-05T10:00:00Z\"}", header: "customer.created") != nil)
        #expect(
            undecodableReason("{\"id\":1,\"createdAt\":\"2026-10-05T10:00:00Z\"}", header: nil)?.contains(
                "no event type") == true)
        #expect(
            undecodableReason(
                "{\"eventType\":\"convo.note.created\",\"createdAt\":\"2026-10-05T10:00:00Z\",\"object\":{\"id\":3}}",
                header: nil)?.contains("conversationId") == true)
        #expect(
            undecodableReason("{\"eventType\":\"convo.created\",\"object\":{\"id\":3}}", header: nil)?.contains(
                "no event time") == true)
        #expect(undecodableReason("[1,2]", header: "convo.created") == "body is not a JSON object")
        #expect(undecodableReason("<html>", header: "convo.created")?.hasPrefix("body is not valid JSON") == true)
        let deep = String(repeating: "{\"a\":", count: 70) + "1" + String(repeating: "}", count: 70)
        #expect(undecodableReason(deep, header: "convo.created") == "body nests deeper than 64 levels")
    }

    /// (A `convo.…` type Help Scout added later now feeds the conversation's snapshots instead:
    /// see `newerConversationEventsFeedSnapshots`.)
    @Test func anUnknownTypeIsAnEventButNotAnalysed() throws {
        let event = try #require(
            self.event("{\"id\":1}", header: "beacon.chat.created", receivedAt: "2026-10-05T10:00:00Z"))
        #expect(event.type == .other("beacon.chat.created"))
        guard case .unanalysed = event.payload else {
            Issue.record("analysed")
            return
        }
    }
}
