import Foundation
import HelpScoutArchiveSamples

/// Runs the built `hsarchive` binary and captures what it prints.
struct HSArchiveRunner {
    struct Result {
        let status: Int32
        let output: String
        let errors: String
    }

    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        fatalError("Package.swift not found")
    }()

    /// The `hsarchive` built beside this test bundle.
    static let binary: String = {
        var candidates: [String] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("hsarchive").path)
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("hsarchive").path)
        candidates.append(repositoryRoot + "/.build/debug/hsarchive")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }()

    static var sampleArchive: String { repositoryRoot + "/sample-data/archive" }
    static var sampleSecrets: String { repositoryRoot + "/sample-data/webhook-secrets.txt" }

    /// Runs `hsarchive arguments` with `environment` (and nothing else of ours) and `input` on stdin.
    static func run(_ arguments: [String], environment: [String: String] = [:], input: [UInt8]? = nil,
                    directory: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe(), errors = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input)) }
        try standardInput.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: out, as: UTF8.self),
                      errors: String(decoding: err, as: UTF8.self))
    }

    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "hsarchive-e2e-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A clean archive of `count` signed conversations, gzip-compressed.
    static func cleanArchive(in folder: String, secret: String, count: Int = 5) -> String {
        let lines = (0..<count).map { index in
            DeliveryLine.signed(
                "{\"id\":\(100 + index),\"status\":\"active\",\"createdAt\":\"2026-10-05T10:00:0\(index)Z\"}",
                secret: secret, event: "convo.created", id: "dlv_\(index)").serialized()
        }
        let path = folder + "/clean.jsonl.gz"
        try! Data(GzipDeflater.compress(Array((lines.joined(separator: "\n") + "\n").utf8))).write(to: URL(fileURLWithPath: path))
        return path
    }
}
