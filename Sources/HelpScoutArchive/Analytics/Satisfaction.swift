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
    /// The latest version of each counted rating, by conversation.
    private let latest: [Int64: [RatingFact]]

    init(store: FactStore) { self.init(store: store, window: store.period) }

    /// Picks the latest version of each rating (by event time, ties in archive order), and keeps
    /// those whose latest version is in `window`.
    init(store: FactStore, window: ReportWindow) {
        var byIdentity: [RatingFact.Identity: RatingFact] = [:]
        for rating in store.ratings {
            if let seen = byIdentity[rating.identity], (seen.time, seen.sequence) > (rating.time, rating.sequence) {
                continue
            }
            byIdentity[rating.identity] = rating
        }
        var latest: [Int64: [RatingFact]] = [:]
        for rating in byIdentity.values where rating.score != .unknown && window.contains(rating.time) {
            latest[rating.conversation, default: []].append(rating)
        }
        self.latest = latest
    }

    /// Attributes the ratings of one conversation: to the rated agent, else the author of the rated
    /// reply (its `threadId`) when that thread is known, else the author of the last agent reply at
    /// or before the rating; to the rating's mailbox, else the conversation's.
    mutating func add(_ view: ConversationView) {
        guard let pending = latest[view.id] else { return }
        for rating in pending {
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
    static func counted(store: FactStore, window: ReportWindow) -> [RatingFact] {
        Satisfaction(store: store, window: window).latest.flatMap { conversation, ratings in
            store.conversations[conversation]?.isDeleted == true ? [] : ratings
        }
    }

    /// Attributes the ratings of conversations with no other facts, then counts: all, then agents,
    /// mailboxes and weeks, each by key.
    consuming func rows(store: FactStore) -> [SatisfactionRow] {
        for (conversation, pending) in latest where store.conversations[conversation] == nil {
            ratings += pending.map { Attributed(score: $0.score, agent: $0.agent, mailbox: $0.mailbox, time: $0.time) }
        }
        var all: SatisfactionRow?
        var byAgent: [Int64: SatisfactionRow] = [:], byMailbox: [Int64: SatisfactionRow] = [:]
        var byWeek: [ISOWeek: SatisfactionRow] = [:]
        for rating in ratings where rating.score != .unknown {
            all = all ?? SatisfactionRow(key: .all)
            all!.count(rating.score)
            byAgent[rating.agent, default: SatisfactionRow(key: .agent(fact: rating.agent))].count(rating.score)
            byMailbox[rating.mailbox, default: SatisfactionRow(key: .mailbox(fact: rating.mailbox))].count(rating.score)
            let week = ISOWeek(dayNumber: store.timeZone.dayNumber(Timestamp(milliseconds: rating.time)))
            byWeek[week, default: SatisfactionRow(key: .week(week))].count(rating.score)
        }
        var rows = all.map { [$0] } ?? []
        for scope in [Array(byAgent.values), Array(byMailbox.values), Array(byWeek.values)] {
            rows += scope.sorted { MetricKey.precedes($0.key, $1.key) }
        }
        return rows
    }
}
