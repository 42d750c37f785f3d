import HelpScoutArchiveSamples
import Testing

@testable import HelpScoutArchive

/// Every metric's state merges: the conversations added in parts, split any way and merged in any
/// order, give the rows of one pass over them all.
@Suite struct MetricMergeTests {
    final class Collector: RunObserver {
        var store: FactStore
        init(window: ReportWindow) { store = FactStore(window: window) }
        func record(event: DecodedEvent, at position: ArchivePosition) { store.record(event) }
    }

    /// The facts of the sample archives: a few hundred conversations of every kind.
    static let store = facts(window: .unbounded)
    /// The same, about two of its seven days, the two before them in the archives too.
    static let windowedStore = facts(
        window: ReportWindow(
            start: Timestamp.parse("2026-10-08T00:00:00Z"), end: Timestamp.parse("2026-10-10T00:00:00Z")))

    static func facts(window: ReportWindow) -> FactStore {
        let root = Fixtures.repositoryRoot + "/sample-data"
        let keyring = try! SecretKeyring.load(secretFile: RawPath(root + "/webhook-secrets.txt"), environment: [:])
            .keyring
        let collector = Collector(window: window)
        _ = ArchivePipeline(
            inputs: InputDiscovery.archives(for: [root + "/archive"]), keyring: keyring,
            options: .init(jobs: 1)
        ).run(observer: collector)
        return collector.store
    }

    /// The rows of `Metric` from one pass, and from `parts` parts whose conversations are dealt at
    /// random and merged in a random order: one after another, or (`inPairs`) pairwise as a tree.
    func rows<Metric: ConversationMetric>(
        _: Metric.Type, parts: Int, seed: UInt64, inPairs: Bool = false, store: FactStore = Self.store
    ) -> (Metric.Rows, Metric.Rows) {
        var random = SampleRandom(seed: seed)
        var whole = Metric(store: store)
        var states = Array(repeating: Metric(store: store), count: parts)
        for id in store.conversations.keys.sorted() where !store.conversations[id]!.isDeleted {
            let view = ConversationView(id: id, facts: store.conversations[id]!, store: store)
            whole.add(view)
            states[Int(random.next() % UInt64(parts))].add(view)
        }
        states.shuffle(using: &random)
        while states.count > 1 {
            if inPairs {
                states = stride(from: 0, to: states.count, by: 2).map { index in
                    var pair = states[index]
                    if index + 1 < states.count { pair.merge(states[index + 1]) }
                    return pair
                }
            } else {
                states[0].merge(states.remove(at: 1))
            }
        }
        return (whole.rows(store: store), states[0].rows(store: store))
    }

    /// With every event in the window, and with a window of three days.
    func expectMergesLikeOnePass<Metric: ConversationMetric>(_ metric: Metric.Type) {
        #expect(Self.store.conversations.count > 200)
        for store in [Self.store, Self.windowedStore] {
            for (parts, seed) in [(2, 1), (3, 2), (7, 3), (40, 4)] as [(Int, UInt64)] {
                for inPairs in [false, true] {
                    let (whole, merged) = rows(metric, parts: parts, seed: seed, inPairs: inPairs, store: store)
                    #expect(
                        whole == merged,
                        "\(metric) in \(parts) parts, merged \(inPairs ? "in pairs" : "in turn"), \(store.window)")
                }
            }
        }
    }

    /// Every file's rows, the headline of the period before included, from the conversations in
    /// one part and in several.
    @Test func analyticsInPartsEqualOnePass() {
        for store in [Self.store, Self.windowedStore] {
            let whole = AnalyticsResult(store: store, parts: 1)
            for parts in [2, 3, 8] { #expect(AnalyticsResult(store: store, parts: parts) == whole, "\(parts) parts") }
        }
        let compared = AnalyticsResult(store: Self.windowedStore, parts: 3)
        #expect(compared.comparison.previousWindow != nil)
        #expect(compared.headline.contains { ($0.previous ?? 0) > 0 } && compared.headline.count > 10)
    }

    @Test func headlineCountsMergeLikeOnePass() {
        expectMergesLikeOnePass(HeadlineCounts.self)
        let (whole, windowed) = (
            rows(HeadlineCounts.self, parts: 1, seed: 0).0,
            rows(HeadlineCounts.self, parts: 1, seed: 0, store: Self.windowedStore).0
        )
        #expect(whole.customersHelped > 10 && whole.resolved > 10)
        #expect(windowed.repliesSent > 0 && windowed.repliesSent < whole.repliesSent)
    }

    @Test func responseTimesMergeLikeOnePass() {
        expectMergesLikeOnePass(ResponseTimes.self)
        #expect(!rows(ResponseTimes.self, parts: 1, seed: 0).0.isEmpty)
    }

    @Test func assignmentChurnMergesLikeOnePass() {
        expectMergesLikeOnePass(AssignmentChurn.self)
        #expect(!rows(AssignmentChurn.self, parts: 1, seed: 0).0.agents.isEmpty)
    }

    @Test func tagFrequencyMergesLikeOnePass() {
        expectMergesLikeOnePass(TagFrequency.self)
        #expect(!rows(TagFrequency.self, parts: 1, seed: 0).0.isEmpty)
    }

    @Test func satisfactionMergesLikeOnePass() {
        expectMergesLikeOnePass(Satisfaction.self)
        #expect(rows(Satisfaction.self, parts: 1, seed: 0).0.count > 3)
    }

    @Test func busiestHoursMergeLikeOnePass() {
        expectMergesLikeOnePass(BusiestHours.self)
        let hours = rows(BusiestHours.self, parts: 1, seed: 0).0
        #expect(
            hours.count == 168 && hours.contains { $0.customerMessages > 0 }
                && hours.contains { $0.newConversations > 0 })
    }
}
