import Foundation
import Testing

/// Every saved fuzz input (seeds, and each crash the fuzzer ever found, named after what broke)
/// runs through the fuzz target without crashing.
@Suite struct FuzzCorpusTests {
    @Test func everySavedInputReplaysCleanly() throws {
        let folder = HSArchiveRunner.repositoryRoot + "/Tests/FuzzCorpus"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { folder + "/" + $0 }
        #expect(files.count >= 10)
        let replayer = (HSArchiveRunner.binary as NSString).deletingLastPathComponent + "/hsarchive-fuzz"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: replayer)
        process.arguments = files
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.split(separator: "\n").count == files.count)
    }
}
