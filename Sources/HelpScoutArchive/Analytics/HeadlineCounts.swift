/// The counted headline measures of one window, in Help Scout's terms (see docs/metrics.md,
/// "Headline"): new conversations, customers helped, messages, replies and resolutions.
struct HeadlineCounts: ConversationMetric {
    private let window: ReportWindow
    private var totals = HeadlineTotals()
    /// The customers of conversations with an agent reply in the window, once for each such
    /// conversation: counted distinct only for the rows (sorting them once costs less than a set's
    /// hashing on every conversation).
    private var customersHelped: [Int64] = []

    init(store: FactStore) { self.init(window: store.period) }

    init(window: ReportWindow) { self.window = window }

    mutating func add(_ view: ConversationView) {
        if view.createdAt != Fact.none && window.contains(view.createdAt) { totals.newConversations += 1 }
        var repliedInWindow = false
        for thread in view.threads where window.contains(thread.time) {
            switch thread.kind {
            case .customerMessage: totals.customerMessages += 1
            case .agentReply:
                totals.repliesSent += 1
                repliedInWindow = true
            case .note, .other: continue
            }
        }
        if repliedInWindow && view.customer != Fact.none { customersHelped.append(view.customer) }
        if let resolution = view.resolution, window.contains(resolution.closed) {
            // The replies sent up to the snapshot that showed the conversation closed.
            var replies = 0
            for thread in view.threads where thread.kind == .agentReply && thread.time <= resolution.seen {
                replies += 1
            }
            totals.resolved += 1
            totals.repliesToResolve += replies
            if replies == 1 { totals.resolvedOnFirstReply += 1 }
        }
    }

    mutating func merge(_ other: HeadlineCounts) {
        totals.newConversations += other.totals.newConversations
        totals.customerMessages += other.totals.customerMessages
        totals.repliesSent += other.totals.repliesSent
        totals.resolved += other.totals.resolved
        totals.resolvedOnFirstReply += other.totals.resolvedOnFirstReply
        totals.repliesToResolve += other.totals.repliesToResolve
        customersHelped += other.customersHelped
    }

    consuming func rows(store: FactStore) -> HeadlineTotals {
        var totals = totals
        customersHelped.sort()
        totals.customersHelped = customersHelped.indices.count(where: {
            $0 == 0 || customersHelped[$0] != customersHelped[$0 - 1]
        })
        return totals
    }
}

/// The counts of `HeadlineCounts` for one window.
package struct HeadlineTotals: Sendable, Equatable {
    /// Conversations whose `createdAt` is in the window.
    package var newConversations = 0
    /// Distinct customers of conversations with an agent reply in the window.
    package var customersHelped = 0
    /// Customer threads written in the window.
    package var customerMessages = 0
    /// Agent replies written in the window.
    package var repliesSent = 0
    /// Conversations whose resolution ends in the window.
    package var resolved = 0
    /// Of those, the ones resolved with a single agent reply.
    package var resolvedOnFirstReply = 0
    /// The agent replies the resolved conversations had when they were resolved, summed.
    package var repliesToResolve = 0
}
