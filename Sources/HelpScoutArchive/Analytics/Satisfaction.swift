/// CSAT and happiness from the latest version of each rating (see docs/metrics.md).
struct Satisfaction: ConversationMetric {
    /// A counted rating with what it is attributed to (`Fact.none` for an unknown agent or mailbox).
    struct Attributed: Equatable {
        var score: RatingRecord.Score
        var agent: Int64
        var mailbox: Int64
        var time: Int64
    }

    private(set) var ratings: [Attributed] = []
    /// The latest version of each counted rating, by conversation id (ties in archive order).
    private let latest: [RatingFact]

    init(store: FactStore) { self.init(latest: LatestRatings(store.ratings), window: store.period) }

    /// Keeps the ratings whose latest version is in `window`.
    init(latest: LatestRatings, window: ReportWindow) {
        self.latest = latest.byConversation.filter { window.contains($0.time) }
    }

    /// Where the ratings of the next conversation are looked for: conversations come in id order
    /// (within each part), so most look-ups see at once that a conversation has no rating.
    private var cursor = 0

    /// Where the latest versions of the ratings of conversation `id` are in `latest`. (Their
    /// places rather than a slice: a slice retains the array, which the parts computed side by side
    /// share, and their threads then contend for its reference count.)
    private mutating func latest(of id: Int64) -> Range<Int> {
        if cursor > 0 && latest[cursor - 1].conversation >= id { cursor = 0 }
        if cursor < latest.count && latest[cursor].conversation < id {
            cursor = latest.firstIndex(from: cursor) { $0.conversation < id }
        }
        var end = cursor
        while end < latest.count && latest[end].conversation == id { end += 1 }
        return cursor..<end
    }

    /// Attributes the ratings of one conversation: to the rated agent, else the author of the rated
    /// reply (its `threadId`) when that thread is known, else the author of the last agent reply at
    /// or before the rating; to the rating's mailbox, else the conversation's.
    mutating func add(_ view: ConversationView) {
        for index in latest(of: view.id) {
            let rating = latest[index]
            var agent = rating.agent
            if agent == Fact.none, rating.thread != Fact.none,
                let rated = view.threads.first(where: { $0.id == rating.thread && $0.kind == .agentReply })
            {
                agent = view.agent(rated.author)
            }
            if agent == Fact.none,
                let reply = view.threads.last(where: { $0.kind == .agentReply && $0.time <= rating.time })
            {
                agent = view.agent(reply.author)
            }
            let mailbox = rating.mailbox != Fact.none ? rating.mailbox : view.mailbox
            ratings.append(Attributed(score: rating.score, agent: agent, mailbox: mailbox, time: rating.time))
        }
    }

    mutating func merge(_ other: Satisfaction) {
        ratings += other.ratings
    }

    /// The latest version of each rating counted in `window` (those of deleted conversations left
    /// out), with its time and score: what the time series counts per day.
    static func counted(store: FactStore, latest: LatestRatings, window: ReportWindow) -> [RatingFact] {
        Satisfaction(latest: latest, window: window).latest.filter {
            store.deletion(of: $0.conversation) != true
        }
    }

    /// Attributes the ratings of conversations with no other facts, then counts: all, then agents,
    /// mailboxes and weeks, each by key.
    consuming func rows(store: FactStore) -> [SatisfactionRow] {
        for rating in latest where store.deletion(of: rating.conversation) == nil {
            ratings.append(
                Attributed(score: rating.score, agent: rating.agent, mailbox: rating.mailbox, time: rating.time))
        }
        var all: SatisfactionRow?
        var byAgent: [Int64: SatisfactionRow] = [:], byMailbox: [Int64: SatisfactionRow] = [:]
        var byWeek: [ISOWeek: SatisfactionRow] = [:]
        for rating in ratings where rating.score != .unknown {
            all = all ?? SatisfactionRow(key: .all)
            all!.count(rating.score)
            byAgent.change(rating.agent, orAdd: SatisfactionRow(key: .agent(fact: rating.agent))) {
                $0.count(rating.score)
            }
            byMailbox.change(rating.mailbox, orAdd: SatisfactionRow(key: .mailbox(fact: rating.mailbox))) {
                $0.count(rating.score)
            }
            let week = ISOWeek(dayNumber: store.timeZone.dayNumber(Timestamp(milliseconds: rating.time)))
            byWeek.change(week, orAdd: SatisfactionRow(key: .week(week))) { $0.count(rating.score) }
        }
        var rows = all.map { [$0] } ?? []
        for scope in [Array(byAgent.values), Array(byMailbox.values), Array(byWeek.values)] {
            rows += scope.sorted { MetricKey.precedes($0.key, $1.key) }
        }
        return rows
    }
}

/// The latest version of each rating of a run (by event time, ties in archive order), its unknown
/// scores left out: what satisfaction counts in any window, picked once per run.
struct LatestRatings: Sendable {
    /// Ordered by conversation id, then archive order.
    let byConversation: [RatingFact]

    init(_ ratings: [RatingFact]) {
        var latest: [RatingFact.Identity: Int] = [:]
        latest.reserveCapacity(ratings.count)
        for (index, rating) in ratings.enumerated() {
            if let seen = latest[rating.identity],
                (ratings[seen].time, ratings[seen].sequence) > (rating.time, rating.sequence)
            {
                continue
            }
            latest[rating.identity] = index
        }
        byConversation = latest.values.map { ratings[$0] }.filter { $0.score != .unknown }
            .sorted { ($0.conversation, $0.sequence) < ($1.conversation, $1.sequence) }
    }
}
