import Testing

@testable import HelpScoutArchive

@Suite struct FactStoreTests {
    /// A status is closed in any case (as `lowercased() == "closed"` says), read byte by byte when
    /// it is ASCII: the same answer for every status, ASCII or not.
    @Test func aStatusIsClosedInAnyCaseAndNothingElseIs() {
        let statuses = [
            "closed", "Closed", "CLOSED", "cLoSeD", "active", "pending", "spam", "closes", "closed ", " closed",
            "close", "", "c\u{6C}osed", "\u{FF43}losed", "clos\u{E9}", "CLOS\u{C9}D", "closeD\u{301}", "\u{212A}losed",
            "closed\u{0}", "Closed\u{200B}",
        ]
        for status in statuses {
            #expect(FactStore.isClosed(status) == (status.lowercased() == "closed"), "\(status.debugDescription)")
        }
    }
}
