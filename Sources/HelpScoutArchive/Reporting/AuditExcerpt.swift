/// The findings `report.md` lists (all of them are in `audit.csv`): the first ones in archive order,
/// and forged ones up to as many again, as they matter most.
package struct AuditExcerpt: Sendable, Equatable {
    /// How many findings are kept, and how many forged ones at least.
    package static let limit = 25

    package private(set) var findings: [Finding] = []
    private var forgedCount = 0

    package init() {}

    /// Keeps `finding` if there is room for it; it must be audited (not verified nor a duplicate).
    package mutating func add(_ finding: Finding) {
        let isForged = finding.status == .forged
        guard findings.count < Self.limit || (isForged && forgedCount < Self.limit) else { return }
        findings.append(finding)
        if isForged { forgedCount += 1 }
    }
}
