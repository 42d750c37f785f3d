/// What `report.md` shows of the audit (every finding is in `audit.csv`): the findings counted by
/// day, status and kind of reason, and the first ones in archive order, with forged ones up to as
/// many again, as they matter most.
package struct AuditExcerpt: Sendable, Equatable {
    /// How many findings are kept, and how many forged ones at least.
    package static let limit = 25
    /// How many day, status and reason groups are told apart; later ones count as one.
    static let groupLimit = 10_000

    package private(set) var findings: [Finding] = []
    private var forgedCount = 0
    /// Findings per day of their `receivedAt` in the time zone (nil without one), status and kind
    /// of reason.
    package private(set) var groups: [Group: Int] = [:]
    private var reasonKinds: [String: String] = [:]
    private let timeZone: ReportTimeZone

    package struct Group: Hashable, Sendable {
        package var day: Int?
        package var status: DeliveryStatus
        package var reason: String
    }

    package init(timeZone: ReportTimeZone = .utc) { self.timeZone = timeZone }

    /// Counts `finding` and keeps it if there is room for it; it must be audited (not verified nor
    /// a duplicate).
    package mutating func add(_ finding: Finding) {
        // Each table is looked up once for a reason or group seen before: hashing a reason is most
        // of what a finding costs here, and a merge counts every finding of every partial.
        let kind: String
        if let known = reasonKinds[finding.reason] {
            kind = known
        } else {
            kind = finding.reasonKind
            if reasonKinds.count < Self.groupLimit { reasonKinds[finding.reason] = kind }
        }
        let group = Group(day: finding.receivedAt.map(timeZone.dayNumber), status: finding.status, reason: kind)
        if let index = groups.index(forKey: group) {
            groups.values[index] += 1
        } else if groups.count < Self.groupLimit {
            groups[group] = 1
        } else {
            groups[Group(day: nil, status: finding.status, reason: "(other reasons)"), default: 0] += 1
        }
        let isForged = finding.status == .forged
        guard findings.count < Self.limit || (isForged && forgedCount < Self.limit) else { return }
        findings.append(finding)
        if isForged { forgedCount += 1 }
    }

    package static func == (a: AuditExcerpt, b: AuditExcerpt) -> Bool {
        a.findings == b.findings && a.groups == b.groups
    }
}
