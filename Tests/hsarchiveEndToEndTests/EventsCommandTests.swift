import Foundation
import TestSupport
import Testing

@Suite struct EventsCommandTests {
    let arguments = ["events", "sample-data/archive", "--secret-file", "sample-data/webhook-secrets.txt"]

    func run(_ extra: [String]) throws -> HSArchiveRunner.Result {
        try HSArchiveRunner.run(arguments + extra, directory: HSArchiveRunner.repositoryRoot)
    }

    /// Regression: the events were counted against the committed Reports/, not a run of this build.
    @Test(.temporaryFolder) func printsEveryVerifiedEventOnceAndTheSameForAnyJobs() throws {
        let one = try run(["--jobs", "1"]), many = try run(["--jobs", "3"])
        #expect(one.status == 0)
        let lines = one.output.split(separator: "\n")
        let report = try HSArchiveRunner.reportSampleData(into: TemporaryFolder.path + "/Reports")
        #expect(report.status == 0, "\(report.errors)")
        let integrity = try String(contentsOfFile: TemporaryFolder.path + "/Reports/integrity.csv", encoding: .utf8)
        #expect(integrity.contains("verified,\(lines.count)\n"))
        #expect(one.output == many.output)
        for line in lines.prefix(50) {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["type"] is String && object?["line"] is Int)
        }
        #expect(one.errors.contains("did not verify"))
    }

    /// A day given to --since or --until is its midnight in the time zone: in New York, October 6
    /// starts at 04:00 UTC. An unknown zone is a usage error, from the option or the environment.
    @Test func daysAreMidnightInTheTimeZone() throws {
        let utc = try run(["--since", "2026-10-06", "--until", "2026-10-07"])
        let newYork = try run(["--since", "2026-10-06", "--until", "2026-10-07", "--time-zone", "America/New_York"])
        #expect(utc.status == 0 && newYork.status == 0)
        func times(_ output: String) throws -> [String] {
            try output.split(separator: "\n").map {
                try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])["time"] as! String
            }
        }
        let utcTimes = try times(utc.output), localTimes = try times(newYork.output)
        #expect(utcTimes.allSatisfy { $0 >= "2026-10-06T00:00:00.000Z" && $0 < "2026-10-07T00:00:00.000Z" })
        #expect(localTimes.allSatisfy { $0 >= "2026-10-06T04:00:00.000Z" && $0 < "2026-10-07T04:00:00.000Z" })
        #expect(localTimes.contains { $0 >= "2026-10-07T00:00:00.000Z" } && localTimes != utcTimes)
        let unknown = try run(["--time-zone", "Mars/Olympus_Mons"])
        #expect(unknown.status == 2 && unknown.errors.contains("timedatectl list-timezones"), "\(unknown.errors)")
        let fromEnvironment = try HSArchiveRunner.run(
            arguments, environment: ["HSARCHIVE_TIME_ZONE": "Nowhere/Else"], directory: HSArchiveRunner.repositoryRoot)
        #expect(fromEnvironment.status == 2 && fromEnvironment.errors.contains("HSARCHIVE_TIME_ZONE"))
    }

    @Test func filtersByTypeAndTime() throws {
        let result = try run([
            "--type", "satisfaction.ratings", "--type", "convo.moved", "--since", "2026-10-06", "--until",
            "2026-10-08T00:00:00Z", "--format", "csv",
        ])
        #expect(result.status == 0)
        let rows = result.output.split(separator: "\n")
        #expect(
            rows.first
                == "time,type,shape,conversation_id,mailbox_id,status,assignee_id,thread_id,thread_kind,author_id,rating,rating_id,comments,customer_id,tags,file,line"
        )
        #expect(rows.count > 2)
        for row in rows.dropFirst() {
            #expect(row.hasPrefix("2026-10-06") || row.hasPrefix("2026-10-07"))
            #expect(row.contains(",satisfaction.ratings,") || row.contains(",convo.moved,"))
        }
        #expect(try run(["--since", "yesterday"]).status == 2)
    }

    /// Regression: a mistyped type printed nothing and exited 0, like a day without such events.
    @Test func anUnknownTypeIsWarnedAboutWithTheNearestKnownOne() throws {
        let result = try run(["--type", "convo.asigned,custom.thing"])
        #expect(result.status == 0)
        #expect(result.output.isEmpty)
        #expect(
            result.errors.contains(
                "--type convo.asigned is not an event type Help Scout documents (did you mean convo.assigned?)"))
        #expect(result.errors.contains("--type custom.thing is not an event type Help Scout documents;"))
        #expect(!(try run(["--type", "convo.assigned"]).errors.contains("not an event type")))
    }

    /// Regression: `--since` after `--until` printed nothing and exited 0.
    @Test func aReversedTimeRangeIsAUsageError() throws {
        let result = try run(["--since", "2026-10-12", "--until", "2026-10-05"])
        #expect(result.status == 2)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("--since 2026-10-12 is not before --until 2026-10-05"))
        #expect(try run(["--since", "2026-10-05", "--until", "2026-10-05T00:00:00.001Z"]).status == 0)
    }

    @Test func aClosedPipeEndsTheRunQuietly() throws {
        let command = "set -o pipefail; '\(HSArchiveRunner.binary)' \(arguments.joined(separator: " ")) | head -1"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: HSArchiveRunner.repositoryRoot)
        let errors = Pipe()
        process.standardOutput = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(!text.contains("error"))
    }
}
