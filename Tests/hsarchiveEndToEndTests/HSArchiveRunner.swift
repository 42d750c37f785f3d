import Foundation
import HelpScoutArchiveSamples
import TestSupport

/// Runs the built `hsarchive` binary and captures what it prints.
struct HSArchiveRunner {
    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    static let repositoryRoot = TestSupport.repositoryRoot

    /// The `hsarchive` built beside this test bundle, or the one `HSARCHIVE_BINARY` names (to run
    /// these tests against a release build, or an older one to see a regression test fail).
    static let binary: String = {
        if let chosen = ProcessInfo.processInfo.environment["HSARCHIVE_BINARY"] { return chosen }
        var candidates: [String] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("hsarchive").path)
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("hsarchive").path)
        candidates.append(repositoryRoot + "/.build/debug/hsarchive")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    static var sampleArchive: String { repositoryRoot + "/sample-data/archive" }
    static var sampleSecrets: String { repositoryRoot + "/sample-data/webhook-secrets.txt" }

    /// The options `make report` gives (the Makefile's `SAMPLE_OPTIONS`): the committed Reports/
    /// show a US team's report, in its zone and office hours.
    static let sampleReportOptions = [
        "--time-zone", "America/New_York", "--office-hours", "Mon-Fri 09:00-17:00", "--since", "2026-10-08",
        "--until", "2026-10-11",
    ]

    /// Writes a fresh report of sample-data/ into `out` (whose parent must exist) as `make report`
    /// does, with the same relative paths, so the audit names the files alike.
    static func reportSampleData(into out: String, jobs: Int = 2, environment: [String: String] = [:]) throws
        -> Result
    {
        try run(
            [
                "report", "sample-data/archive", "--secret-file", "sample-data/webhook-secrets.txt",
                "--out", out, "--jobs", String(jobs),
            ] + sampleReportOptions, environment: environment, directory: repositoryRoot)
    }

    /// Runs `hsarchive arguments` with `environment` (and nothing else of ours) and `input` on stdin.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], input: [UInt8]? = nil,
        directory: String? = nil, executable: String = binary
    ) throws -> Result {
        let running = try Running(arguments, environment: environment, directory: directory, executable: executable)
        if let input { running.write(input) }
        return try running.finish()
    }

    /// Runs `script` with `/bin/sh`, where `$HSARCHIVE` is the binary: for what `Process` cannot
    /// pass, such as arguments that are not UTF-8, file-size limits and redirections.
    static func shell(_ script: String, environment: [String: String] = [:], directory: String? = nil) throws -> Result
    {
        try run(
            ["-c", script], environment: ["HSARCHIVE": binary].merging(environment) { $1 }, directory: directory,
            executable: "/bin/sh")
    }

    /// Starts `hsarchive arguments` with its standard input left open, for tests that signal it or
    /// check what it does before reading; `finish()` closes the input and waits.
    final class Running {
        let process = Process()
        private let input = Pipe(), output = Pipe(), errors = Pipe()

        init(
            _ arguments: [String], environment: [String: String] = [:], directory: String? = nil,
            executable: String = HSArchiveRunner.binary
        ) throws {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
            if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            try process.run()
        }

        /// Waits up to `seconds` for the process to end by itself; true when it did.
        func ended(within seconds: Double) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while process.isRunning && Date() < deadline { usleep(5_000) }
            return !process.isRunning
        }

        /// Writes `bytes` to its standard input.
        func write(_ bytes: [UInt8]) { input.fileHandleForWriting.write(Data(bytes)) }

        /// Closes its standard input, then waits for it to end and returns what it printed.
        func finish() throws -> Result {
            try? input.fileHandleForWriting.close()
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                errors: String(decoding: err, as: UTF8.self))
        }
    }

    /// Starts `path` with `arguments` (the first being its name) by `posix_spawn`, its output
    /// discarded, from the calling thread and without Foundation's bookkeeping.
    /// - Returns: the child's process id, or nil when it could not start.
    static func spawn(_ path: String, _ arguments: [String], environment: [String]) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The child starts with no signal blocked and default handlers, whatever this thread has:
        // the test runner's threads block signals, which a child would otherwise inherit.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        return posix_spawn(&pid, path, &actions, &attributes, argv, envp) == 0 ? pid : nil
    }

    /// `2026-10-05T10:00:00Z` plus `second` seconds (under a day).
    static func time(second: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "2026-10-05T\(two(10 + second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }

    /// A clean archive of `count` signed conversations, gzip-compressed (regression: from the
    /// eleventh on, their times read `10:00:010Z`, so they were undecodable, not clean).
    static func cleanArchive(in folder: String, secret: String, count: Int = 5) -> String {
        let lines = (0..<count).map { index in
            DeliveryLine.signed(
                "{\"id\":\(100 + index),\"status\":\"active\",\"createdAt\":\"\(time(second: index))\"}",
                secret: secret, event: "convo.created", id: "dlv_\(index)"
            ).serialized()
        }
        let path = folder + "/clean.jsonl.gz"
        try! Data(GzipDeflater.compress(Array((lines.joined(separator: "\n") + "\n").utf8))).write(
            to: URL(fileURLWithPath: path))
        return path
    }
}
