/// CSAT and happiness from the latest version of each rating (section 4 of the spec).
public struct Satisfaction: Sendable {
    public enum Scope: String, Sendable, CaseIterable { case all, agent, mailbox, week }

    /// Counts of one scope and key; a row of `csat.csv`.
    public struct Row: Sendable, Equatable {
        public var scope: Scope
        public var key: String
        public var great = 0
        public var okay = 0
        public var notGood = 0

        public var ratings: Int { great + okay + notGood }

        mutating func count(_ score: RatingRecord.Score) {
            switch score {
            case .great: great += 1
            case .okay: okay += 1
            case .notGood: notGood += 1
            case .unknown: break
            }
        }
        /// 100 × great / ratings.
        public var csatPercent: Double { ratings == 0 ? 0 : 100 * Double(great) / Double(ratings) }
        /// Help Scout's happiness score: 100 × (great − not good) / ratings.
        public var happiness: Double { ratings == 0 ? 0 : 100 * Double(great - notGood) / Double(ratings) }
    }

    /// A counted rating with what it is attributed to.
    public struct Attributed: Sendable, Equatable {
        public var score: RatingRecord.Score
        public var agent: Int64
        public var mailbox: Int64
        public var time: Int64
    }

    public private(set) var rows: [Row] = []
    public private(set) var ratings: [Attributed] = []
    /// The latest version of each counted rating, by conversation.
    private let latest: [Int64: [RatingFact]]

    /// Picks the latest version of each rating (by event time, ties in archive order).
    init(store: FactStore) {
        var byIdentity: [RatingFact.Identity: RatingFact] = [:]
        for rating in store.ratings {
            if let seen = byIdentity[rating.identity], (seen.time, seen.sequence) > (rating.time, rating.sequence) { continue }
            byIdentity[rating.identity] = rating
        }
        var latest: [Int64: [RatingFact]] = [:]
        for rating in byIdentity.values where rating.score != .unknown {
            latest[rating.conversation, default: []].append(rating)
        }
        self.latest = latest
    }

    /// Attributes the ratings of one conversation: to the rated agent, else the author of the last
    /// agent reply at or before the rating; to the rating's mailbox, else the conversation's.
    mutating func add(_ view: ConversationView) {
        guard let pending = latest[view.id] else { return }
        for rating in pending {
            var agent = rating.agent
            if agent == Fact.none, let reply = view.threads.last(where: { $0.kind == .agentReply && $0.time <= rating.time }) {
                agent = view.agent(reply.author)
            }
            let mailbox = rating.mailbox != Fact.none ? rating.mailbox : view.mailbox
            ratings.append(Attributed(score: rating.score, agent: agent, mailbox: mailbox, time: rating.time))
        }
    }

    /// Takes in the ratings attributed in another part of the conversations.
    mutating func merge(_ other: Satisfaction) {
        ratings += other.ratings
    }

    /// Attributes the ratings of conversations with no other facts, then counts everything.
    mutating func finish(store: FactStore) {
        for (conversation, pending) in latest where store.conversations[conversation] == nil {
            ratings += pending.map { Attributed(score: $0.score, agent: $0.agent, mailbox: $0.mailbox, time: $0.time) }
        }
        ratings.sort { ($0.time, $0.agent, $0.mailbox, $0.score.rawValue) < ($1.time, $1.agent, $1.mailbox, $1.score.rawValue) }
        // Counted by number (agent, mailbox, day), named once per key: making a key's text for
        // every rating cost more than the counting.
        var all: Row?
        var byAgent: [Int64: Row] = [:], byMailbox: [Int64: Row] = [:], byWeek: [String: Row] = [:]
        var weekOfDay: [Int: String] = [:]
        for rating in ratings where rating.score != .unknown {
            all = all ?? Row(scope: .all, key: MetricKey.all)
            all!.count(rating.score)
            byAgent[rating.agent, default: Row(scope: .agent, key: MetricKey.id(rating.agent))].count(rating.score)
            byMailbox[rating.mailbox, default: Row(scope: .mailbox, key: MetricKey.id(rating.mailbox))].count(rating.score)
            let time = Timestamp(milliseconds: rating.time)
            let week: String
            if let known = weekOfDay[time.dayNumber] {
                week = known
            } else {
                week = time.isoWeek
                weekOfDay[time.dayNumber] = week
            }
            byWeek[week, default: Row(scope: .week, key: week)].count(rating.score)
        }
        if let all { rows.append(all) }
        for scope in [Array(byAgent.values), Array(byMailbox.values), Array(byWeek.values)] {
            rows += scope.sorted { MetricKey.precedes($0.key, $1.key) }
        }
    }
}
