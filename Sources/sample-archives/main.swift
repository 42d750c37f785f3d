import ArgumentParser
import HelpScoutArchiveSamples

/// Writes deterministic sample archives for `make report`, tests and benchmarks.
struct SampleArchives: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-archives",
        abstract: "Write realistic, deterministic, signed Help Scout webhook archives.")

    @Option(help: "The folder to write the archives into (YYYY-MM/DAY.jsonl.gz).")
    var out: String

    @Option(help: "Where to write the secrets file (the previous and the current secret).")
    var secrets: String?

    @Option(help: "Days to cover.") var days = 7
    @Option(help: "New conversations per day (±20%).") var conversationsPerDay = 40
    @Option(help: "Sentences per thread body (about 100 bytes each), as MIN-MAX.") var sentences = "1-3"
    @Option(help: "The random seed.") var seed: UInt64 = 20_261_005
    @Option(help: "Days (0-based, comma-separated) written as plain JSON lines with CRLF; empty for none.")
    var plainDays = "2"
    @Flag(help: "Leave out forged, unsigned, malformed and undecodable lines.") var noHostile = false

    func run() throws {
        var config = SampleArchiveGenerator.Configuration()
        config.days = days
        config.conversationsPerDay = conversationsPerDay
        config.seed = seed
        config.hostileLines = !noHostile
        config.plainDays = Set(plainDays.split(separator: ",").compactMap { Int($0) })
        let bounds = sentences.split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] >= 1, bounds[0] <= bounds[1] else {
            throw ValidationError("--sentences takes MIN-MAX, e.g. 2-6")
        }
        config.threadBodySentences = bounds[0]...bounds[1]
        let summary = try SampleArchiveGenerator(config).generate(into: out, secretFile: secrets)
        print(
            "wrote \(summary.lines) lines (\(summary.uncompressedBytes) bytes uncompressed, \(summary.conversations) conversations) in \(summary.files.count) files under \(out)"
        )
    }
}

SampleArchives.main()
