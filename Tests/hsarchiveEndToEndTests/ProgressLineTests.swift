import CPlatform
import Foundation
import HelpScoutArchiveSamples
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The progress line, under a pseudo-terminal as a person at a terminal would see it.
@Suite struct ProgressLineTests {
    let secret = "progress-secret"

    /// Runs `hsarchive arguments` with standard error on a new pseudo-terminal (which reports zero
    /// columns) and standard input a pipe held open for `holdSeconds` before one signed line is
    /// written to it, and returns what the terminal received.
    /// With `outputToo`, standard output is the same terminal; `lateSigner` signs the late line.
    func terminalOutput(
        _ arguments: [String], holdSeconds: Double, directory: String, outputToo: Bool = false,
        lateSigner: String? = nil
    ) throws -> (Int32, String) {
        var controller: Int32 = -1, terminal: Int32 = -1
        try #require(hs_open_pseudo_terminal(&controller, &terminal) == 0)
        let master = controller, slave = terminal
        let received = LockedBytes()
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }
                received.append(buffer[0..<count])
            }
        }
        reader.start()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: HSArchiveRunner.binary)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "HELPSCOUT_WEBHOOK_SECRET": secret]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let input = Pipe()
        process.standardInput = input
        let terminalHandle = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardOutput = outputToo ? terminalHandle : FileHandle.nullDevice
        process.standardError = terminalHandle
        try process.run()
        usleep(UInt32(holdSeconds * 1_000_000))
        let line = DeliveryLine.signed(
            "{\"id\":1,\"createdAt\":\"2026-10-05T10:00:00Z\"}", secret: lateSigner ?? secret, event: "convo.created",
            id: "late")
        input.fileHandleForWriting.write(Data((line.serialized() + "\n").utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        close(slave)
        // The master reads EIO once no process holds the terminal: the reader then stops.
        while !reader.isFinished { usleep(1000) }
        close(master)
        return (process.terminationStatus, received.text)
    }

    /// The screen's lines: what is left after each carriage return redraws a line.
    func drawnLines(_ output: String) -> [String] {
        output.split(whereSeparator: { $0 == "\r" || $0 == "\n" }).map(String.init)
    }

    @Test(.temporaryFolder) func aRunAtATerminalRedrawsOneProgressLineAndClearsItBeforeItsLastWords() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret, count: 40)
        let (status, output) = try terminalOutput(
            ["report", archive, "-", "--out", "Reports"], holdSeconds: 1.6, directory: root)
        #expect(status == 0, "\(output)")
        let progress = drawnLines(output).filter { $0.contains("inputs ") && $0.contains("/s") }
        // Drawn from half a second in, four times a second, while standard input stays open.
        #expect(progress.count >= 3, "\(output.debugDescription)")
        #expect(progress.contains { $0.contains("40 lines, inputs 1/2") }, "\(progress)")
        // The terminal reports no width: 80 columns are assumed, and a line never wraps.
        for line in progress { #expect(line.trimmingCharacters(in: .whitespaces).count <= 79, "\(line)") }
        // Blanked out before the summary note, which then starts on a clean line.
        let note = try #require(output.range(of: "hsarchive: 41 lines in 2 inputs"))
        #expect(output[..<note.lowerBound].hasSuffix(" \r"), "\(output.debugDescription)")
    }

    /// Findings printed to the same terminal rub the progress line out first, so each starts at the
    /// beginning of a line of its own.
    @Test(.temporaryFolder) func findingsOnTheSameTerminalStartOnACleanLine() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret, count: 40)
        let (status, output) = try terminalOutput(
            ["verify", archive, "-"], holdSeconds: 1.2, directory: root, outputToo: true, lateSigner: "not-the-secret")
        #expect(status == 1, "\(output)")
        #expect(output.contains("inputs 1/2"), "\(output.debugDescription)")
        let finding = try #require(output.range(of: "-:1: forged: "))
        #expect(output[..<finding.lowerBound].hasSuffix(" \r"), "\(output.debugDescription)")
    }

    @Test(.temporaryFolder) func quietRunsAndRunsWithoutATerminalShowNoProgress() throws {
        let root = TemporaryFolder.path
        let archive = HSArchiveRunner.cleanArchive(in: root, secret: secret, count: 40)
        let (status, output) = try terminalOutput(
            ["verify", archive, "-", "--quiet"], holdSeconds: 1.0, directory: root)
        #expect(status == 0 && output.isEmpty, "\(output.debugDescription)")
        let piped = try HSArchiveRunner.Running(
            ["verify", archive, "-"], environment: ["HELPSCOUT_WEBHOOK_SECRET": secret])
        usleep(1_000_000)
        let result = try piped.finish()
        #expect(result.status == 0 && !result.errors.contains("inputs "), "\(result.errors)")
        #expect(result.output.contains("40 lines in 2 inputs"))
    }
}

/// Bytes gathered on one thread and read on another.
private final class LockedBytes: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    func append(_ more: ArraySlice<UInt8>) { lock.withLock { bytes += more } }
    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
}
