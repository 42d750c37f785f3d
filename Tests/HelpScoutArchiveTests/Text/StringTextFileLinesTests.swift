import Testing

@testable import HelpScoutArchive

@Suite struct StringTextFileLinesTests {
    func lines(_ text: String) -> [String] { text.textFileLines.map { "\($0.number):\($0.text)" } }

    /// Regression: a holidays file saved with CRLF line ends was split on "\n" alone, which a
    /// Swift `String` never matches inside "\r\n" (one character), so the whole file was one line.
    @Test func crlfCrAndLfEachEndALineAndAByteOrderMarkIsDropped() {
        #expect(lines("a\r\nb\rc\nd") == ["1:a", "2:b", "3:c", "4:d"])
        #expect(lines("\u{FEFF}a\r\n\r\nb") == ["1:a", "2:", "3:b"])
        #expect(lines("a\n") == ["1:a", "2:"])
        #expect(lines("") == ["1:"])
        #expect(lines("\u{FEFF}") == ["1:"])
        // Only a leading mark is dropped; one inside a line is the line's.
        #expect(lines("a\n\u{FEFF}b") == ["1:a", "2:\u{FEFF}b"])
    }
}
