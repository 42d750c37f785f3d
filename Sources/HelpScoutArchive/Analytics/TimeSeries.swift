/// The report's period day by day, rolled up into calendar buckets (days, ISO weeks, months or
/// years, as `Granularity.fitting` chooses for its length): what report.md's time tables and the
/// charts show. Every bucket of the period has a point, empty ones too.
struct TimeSeries: ConversationMetric {
    private let period: ReportWindow
    private let timeZone: ReportTimeZone
    /// The days counted, and what each holds at its place.
    private var places: DayPlaces
    private var counted: [Day] = []

    /// What one day of the time zone holds.
    private struct Day {
        var newConversations = 0
        var customerMessages = 0
        var repliesSent = 0
        var responses: [Double] = []
        var firstResponses: [Double] = []

        mutating func merge(_ other: Day) {
            newConversations += other.newConversations
            customerMessages += other.customerMessages
            repliesSent += other.repliesSent
            responses += other.responses
            firstResponses += other.firstResponses
        }
    }

    init(store: FactStore) {
        period = store.period
        timeZone = store.timeZone
        places = DayPlaces(timeZone: store.timeZone)
    }

    private func day(_ milliseconds: Int64) -> Int { timeZone.dayNumber(Timestamp(milliseconds: milliseconds)) }

    /// The place in `counted` of the day `milliseconds` is on, added when new.
    private mutating func place(_ milliseconds: Int64) -> Int {
        let place = places.place(at: milliseconds)
        if place == counted.count { counted.append(Day()) }
        return place
    }

    mutating func add(_ view: ConversationView) {
        if view.createdAt != Fact.none && period.contains(view.createdAt) {
            counted[place(view.createdAt)].newConversations += 1
        }
        for thread in view.threads where period.contains(thread.time) {
            switch thread.kind {
            case .customerMessage: counted[place(thread.time)].customerMessages += 1
            case .agentReply: counted[place(thread.time)].repliesSent += 1
            case .note, .other: continue
            }
        }
        let responses = view.responses
        for response in responses where period.contains(response.replyTime) {
            counted[place(response.replyTime)].responses.append(response.seconds)
        }
        if view.hasCreatedEvent, view.threads.first?.kind == .customerMessage, let first = responses.first,
            period.contains(first.replyTime)
        {
            counted[place(first.replyTime)].firstResponses.append(first.seconds)
        }
    }

    mutating func merge(_ other: TimeSeries) {
        for (day, facts) in zip(other.places.days, other.counted) {
            let place = places.place(ofDay: day)
            if place == counted.count { counted.append(Day()) }
            counted[place].merge(facts)
        }
    }

    /// A point for every bucket of the period's days, in order; none without a period.
    consuming func rows(store: FactStore) -> [SeriesPoint] { rows(store: store, latest: LatestRatings(store.ratings)) }

    /// `rows(store:)` with the run's ratings already picked.
    consuming func rows(store: FactStore, latest: LatestRatings) -> [SeriesPoint] {
        guard let period = store.periodDays else { return [] }
        let granularity = Granularity.fitting(days: period.count)
        var events: [Int: Int] = [:]
        for (key, count) in store.eventCounts { events[key.day, default: 0] += count }
        var ratings: [Int: SatisfactionRow] = [:]
        for rating in Satisfaction.counted(store: store, latest: latest, window: store.period) {
            ratings[day(rating.time), default: SatisfactionRow(key: .all)].count(rating.score)
        }
        return CalendarBucket.covering(period, by: granularity).map { bucket in
            var point = SeriesPoint(
                bucket: bucket, isPartial: bucket.reaches(outside: period))
            var responses: [Double] = [], firstResponses: [Double] = []
            for day in max(bucket.firstDay, period.lowerBound)...min(bucket.endDay - 1, period.upperBound) {
                point.events += events[day, default: 0]
                if let rated = ratings[day] {
                    point.ratings.great += rated.great
                    point.ratings.okay += rated.okay
                    point.ratings.notGood += rated.notGood
                }
                guard let place = places.existingPlace(ofDay: day) else { continue }
                let facts = counted[place]
                point.newConversations += facts.newConversations
                point.customerMessages += facts.customerMessages
                point.repliesSent += facts.repliesSent
                responses += facts.responses
                firstResponses += facts.firstResponses
            }
            point.response = DistributionSummary(responses, countingBuckets: false)
            point.firstResponse = DistributionSummary(firstResponses, countingBuckets: false)
            return point
        }
    }
}

/// One day, week, month or year of the report's period.
package struct SeriesPoint: Sendable, Equatable {
    package var bucket: CalendarBucket
    /// Whether the bucket reaches outside the period (a week, month or year it only partly covers).
    package var isPartial: Bool
    /// Verified events, by event time.
    package var events = 0
    /// Conversations created, customer messages and agent replies written, in the bucket.
    package var newConversations = 0
    package var customerMessages = 0
    package var repliesSent = 0
    /// The responses and first responses whose reply is in the bucket; nil without any.
    package var response: DistributionSummary?
    package var firstResponse: DistributionSummary?
    /// The ratings counted in the bucket (key `all`).
    package var ratings = SatisfactionRow(key: .all)

    init(bucket: CalendarBucket, isPartial: Bool) {
        self.bucket = bucket
        self.isPartial = isPartial
    }
}
