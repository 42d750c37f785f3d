import Testing

@testable import HelpScoutArchive

@Suite struct EventRecordTests {
    typealias S = EventScript

    @Test func aBareReplyEventNamesItsNewestThreadOfThatKind() {
        let event = S.snapshot(
            .agentReplyCreated, at: 60, assignee: 301, tags: ["a\"b"],
            threads: [
                S.thread(1, .customerMessage, at: 0), S.thread(2, .agentReply, at: 30, by: 302),
                S.thread(3, .agentReply, at: 60, by: 301), S.thread(4, .note, at: 61, by: 303),
            ])
        let record = EventRecord(event, file: "a.jsonl", line: 7)
        #expect(record.threadId == 3 && record.threadKind == "agent_reply" && record.authorId == 301)
        #expect(record.conversationId == 1 && record.mailboxId == 101 && record.assigneeId == 301)
        #expect(
            record.jsonLine() == """
                {"time":"2026-10-05T11:00:00.000Z","type":"convo.agent.reply.created","shape":"bare","conversation_id":1,"mailbox_id":101,"status":"active","assignee_id":301,"thread_id":3,"thread_kind":"agent_reply","author_id":301,"rating":null,"rating_id":null,"comments":null,"customer_id":null,"tags":["a\\"b"],"file":"a.jsonl","line":7}

                """)
        #expect(
            record.csvRow()
                == "2026-10-05T11:00:00.000Z,convo.agent.reply.created,bare,1,101,active,301,3,agent_reply,301,,,,,\"a\"\"b\",a.jsonl,7\n"
        )
    }

    @Test func ratingsAndEnvelopeThreadsFlattenIntoTheSameColumns() {
        let rating = EventRecord(S.rating(9, .notGood, at: 5, agent: 302, mailbox: 102), file: "-", line: 1)
        #expect(
            rating.rating == "not_good" && rating.ratingId == 9 && rating.authorId == 302 && rating.mailboxId == 102)
        let thread = DecodedEvent(
            type: .customerReplyCreated, time: S.at(3),
            payload: .thread(conversationId: 8, S.thread(44, .customerMessage, at: 3, by: 9)), isEnvelope: true)
        let record = EventRecord(thread, file: "-", line: 2)
        #expect(
            record.shape == "envelope" && record.conversationId == 8 && record.threadId == 44
                && record.threadKind == "customer_message")
    }

    @Test func controlCharactersAreEscapedInJSON() {
        var event = S.snapshot(.tags, at: 0, tags: ["line\nbreak\u{1}\u{2028}"])
        event.type = .tags
        #expect(EventRecord(event, file: "x", line: 1).jsonLine().contains("\"line\\nbreak\\u0001\\u2028\""))
    }

    /// Regression: `events --format csv` joined tags with `;` though a tag may contain `;`.
    @Test func tagListsInCSVSplitBackUnambiguously() {
        let tags = ["a;b", "c\\d", "plain", "e\\;", ""]
        let cell = EventRecord.csvTagList(tags)
        #expect(cell == "a\\;b;c\\\\d;plain;e\\\\\\;;")
        // Split at every `;` no backslash escapes, then drop the escapes.
        var split: [String] = [], current = "", escaped = false
        for character in cell {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ";" {
                split.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        split.append(current)
        #expect(split == tags)
    }
}
