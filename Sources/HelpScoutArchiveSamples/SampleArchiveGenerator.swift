import Foundation
import HelpScoutArchive

/// Writes a realistic, deterministic set of signed webhook archives: one file per received day.
public struct SampleArchiveGenerator {
    public struct Configuration: Sendable {
        public var seed: UInt64 = 20_261_005
        public var firstDay = "2026-10-05"
        public var days = 7
        public var conversationsPerDay = 40
        /// Sentences per thread body: about 100 bytes each.
        public var threadBodySentences: ClosedRange<Int> = 1...3
        /// Mix in forged, unsigned, malformed and undecodable lines and blank lines.
        public var hostileLines = true
        /// Deliveries received before `rotationDay` are signed with the previous secret.
        public var previousSecret = "sample-secret-2026-q3"
        public var currentSecret = "sample-secret-2026-q4"
        public var rotationDay = 3
        /// Days (0-based) written as plain JSON lines with `\r\n` line ends instead of gzip.
        public var plainDays: Set<Int> = [2]

        public init() {}
    }

    /// What was written.
    public struct Summary: Sendable {
        public var files: [String] = []
        public var lines = 0
        public var uncompressedBytes = 0
        public var conversations = 0
    }

    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Writes the archives under `directory` (in `YYYY-MM/` folders) and the secrets to `secretFile`.
    public func generate(into directory: String, secretFile: String?) throws -> Summary {
        let config = configuration
        guard let firstDay = Timestamp.parse(config.firstDay + "T00:00:00Z") else {
            throw GeneratorError("first day must be YYYY-MM-DD: \(config.firstDay)")
        }
        let dayLength: Int64 = 86_400_000
        let periodEnd = firstDay.milliseconds + Int64(config.days) * dayLength
        var random = SampleRandom(seed: config.seed)
        var delivery = SampleDelivery(
            random: SampleRandom(seed: config.seed ^ 0xD311_7E55), hostile: config.hostileLines)
        var buckets = Array(repeating: [SampleDelivery.Line](), count: config.days)
        var summary = Summary()
        var customers: [SampleCast.Customer] = []
        var nextThreadId: Int64 = 90_000_000
        let rotation = firstDay.milliseconds + Int64(config.rotationDay) * dayLength
        func secret(_ receivedAt: Int64) -> String {
            receivedAt < rotation ? config.previousSecret : config.currentSecret
        }
        var written = 0

        for day in 0..<config.days {
            let count = max(
                1,
                config.conversationsPerDay
                    + random.int(-(config.conversationsPerDay / 5)...(config.conversationsPerDay / 5)))
            for _ in 0..<count {
                summary.conversations += 1
                let newCustomer = customers.isEmpty || random.chance(0.7)
                if newCustomer {
                    let first = random.pick(SampleCast.firstNames), last = random.pick(SampleCast.lastNames)
                    let id = Int64(500_000 + customers.count)
                    customers.append(
                        .init(
                            id: id, first: first, last: last,
                            email: "\(first.lowercased()).\(last.lowercased())\(id % 97)@example.test"))
                }
                let customer = newCustomer ? customers.last! : random.pick(customers)
                let hour = random.chance(0.8) ? random.int(8...17) : random.int(0...23)
                let start =
                    firstDay.milliseconds + Int64(day) * dayLength + Int64(hour) * 3_600_000
                    + Int64(random.int(0...3_599_999))
                var simulator = ConversationSimulator(
                    random: random, id: 7_000_000 + Int64(summary.conversations),
                    number: 10_000 + Int64(summary.conversations),
                    customer: customer, start: start, nextThreadId: nextThreadId,
                    threadBodyWords: config.threadBodySentences)
                let outcome = simulator.run(newCustomer: newCustomer)
                random = outcome.random
                nextThreadId = outcome.nextThreadId
                for event in outcome.events {
                    for line in delivery.lines(for: event, secret: secret) where line.receivedAt < periodEnd {
                        buckets[Int((line.receivedAt - firstDay.milliseconds) / dayLength)].append(line)
                    }
                }
            }
            // Conversations last a few days at most: days well behind are complete.
            while written < day - 4 {
                summary = try write(
                    day: written, lines: &buckets[written], firstDay: firstDay, into: directory, summary)
                written += 1
            }
        }
        while written < config.days {
            summary = try write(day: written, lines: &buckets[written], firstDay: firstDay, into: directory, summary)
            written += 1
        }
        if let secretFile {
            try (config.previousSecret + "\n" + config.currentSecret + "\n").write(
                toFile: secretFile, atomically: true, encoding: .utf8)
            chmod(secretFile, 0o600)
        }
        return summary
    }

    private func write(
        day: Int, lines: inout [SampleDelivery.Line], firstDay: Timestamp,
        into directory: String, _ summary: Summary
    ) throws -> Summary {
        var summary = summary
        let date = Timestamp(milliseconds: firstDay.milliseconds + Int64(day) * 86_400_000)
        let folder = "\(directory)/\(date.day.prefix(7))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let ordered = lines.enumerated().sorted {
            ($0.element.receivedAt, $0.offset) < ($1.element.receivedAt, $1.offset)
        }.map(\.element)
        lines = []
        var random = SampleRandom(seed: configuration.seed &+ UInt64(day))
        let plain = configuration.plainDays.contains(day)
        let lineEnd: [UInt8] = plain ? [0x0D, 0x0A] : [0x0A]
        var file: [UInt8] = []
        var hour: [UInt8] = []
        var currentHour = ordered.first.map { $0.receivedAt / 3_600_000 } ?? 0
        func flushHour() {
            guard !hour.isEmpty else { return }
            file += plain ? hour : GzipDeflater.compress(hour)
            hour.removeAll(keepingCapacity: true)
        }
        for line in ordered {
            if line.receivedAt / 3_600_000 != currentHour {
                flushHour()
                currentHour = line.receivedAt / 3_600_000
            }
            if configuration.hostileLines && random.chance(0.003) { hour += lineEnd }
            hour += line.bytes + lineEnd
            summary.lines += 1
            summary.uncompressedBytes += line.bytes.count + lineEnd.count
        }
        // The last line without its newline.
        if plain, !hour.isEmpty, hour.count >= 2 { hour.removeLast(lineEnd.count) }
        flushHour()
        let path = "\(folder)/\(date.day).\(plain ? "jsonl" : "jsonl.gz")"
        try Data(file).write(to: URL(fileURLWithPath: path))
        summary.files.append(path)
        return summary
    }
}

public struct GeneratorError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
