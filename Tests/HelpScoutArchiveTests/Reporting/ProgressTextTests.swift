import Testing

@testable import HelpScoutArchive

@Suite struct ProgressTextTests {
    @Test func aKnownTotalGivesAShareAndAnEstimateAnUnknownOneDoesNot() {
        let progress = RunProgress.Snapshot(bytes: 250_000_000, lines: 1_234_567, inputsDone: 3)
        let known = ProgressText.line(progress, totalBytes: 1_000_000_000, inputCount: 12, seconds: 2, columns: 200)
        #expect(
            known
                == "hsarchive: 250.0 MB of 1.00 GB (25%), 1,234,567 lines, inputs 3/12, about 6s left, 125.0 MB/s read")
        let unknown = ProgressText.line(progress, totalBytes: nil, inputCount: 12, seconds: 2, columns: 200)
        #expect(unknown == "hsarchive: 250.0 MB read, 1,234,567 lines, inputs 3/12, 125.0 MB/s read")
    }

    @Test func theLineIsCutOneColumnShortOfTheTerminal() {
        let progress = RunProgress.Snapshot(bytes: 5_000, lines: 10, inputsDone: 0)
        for columns in [12, 40, 80] {
            let line = ProgressText.line(progress, totalBytes: 9_000, inputCount: 1, seconds: 1, columns: columns)
            #expect(line.count == columns - 1 && line.hasSuffix("…"), "\(columns): \(line)")
        }
        // Even a terminal of 12 columns gets a line that does not wrap.
        #expect(ProgressText.line(progress, totalBytes: nil, inputCount: 1, seconds: 0, columns: 12).count == 11)
    }

    @Test func sizesUseDecimalUnits() {
        #expect(
            [0, 999, 1_000, 12_345, 4_200_000, 1_100_000_000].map(ProgressText.size) == [
                "0 B", "999 B", "1.0 kB", "12.3 kB", "4.2 MB", "1.10 GB",
            ])
    }
}
