import HelpScoutArchive
import Testing

@Suite struct CSVWriterTests {
    @Test(arguments: [
        ("plain", "plain"), ("", ""), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "two\\nlines"), ("a,\u{1B}[31m", "\"a,\\u001b[31m\""),
        ("=HYPERLINK(\"http://x.test\")", "\"'=HYPERLINK(\"\"http://x.test\"\")\""), ("+1", "'+1"), ("-2", "-2"),
        ("-33.33", "-33.33"), ("-2-1", "'-2-1"), ("-", "'-"), ("-.5", "'-.5"), ("-1e5", "'-1e5"),
        ("@SUM(A1)", "'@SUM(A1)"), ("\tindent", "'\\tindent"), ("\rreturn", "'\\rreturn"), ("a=b", "a=b"),
        ("x\u{202E}y", "x\\u202ey"), ("café, crème", "\"café, crème\""), ("-café", "'-café"),
        ("@a,\"b\"", "\"'@a,\"\"b\"\"\""),
    ])
    func cellsAreNeutralisedEscapedThenQuoted(_ value: String, _ expected: String) {
        #expect(CSVWriter.cell(value) == expected)
    }

    /// Numbers written as digits make the same row as their text.
    @Test func numberCellsAreWrittenAsTheirText() {
        let numbers: [Int64] = [0, 7, -1, 42, 1_000_000, -33, Int64.max, Int64.min]
        var fromNumbers = CSVWriter(header: ["n"])
        var fromText = CSVWriter(header: ["n"])
        for number in numbers {
            fromNumbers.writeRow([.number(number), "x,y", .number(nil, else: "unknown")] as [CSVWriter.Cell])
            fromText.writeRow([String(number), "x,y", "unknown"])
        }
        #expect(fromNumbers.text == fromText.text)
        #expect(fromNumbers.text.contains("\n-9223372036854775808,\"x,y\",unknown\n"))
    }

    @Test func rowsEndInNewline() {
        var writer = CSVWriter(header: ["a", "b"])
        writer.writeRow(["1", "x,y"])
        #expect(writer.text == "a,b\n1,\"x,y\"\n")
    }
}
