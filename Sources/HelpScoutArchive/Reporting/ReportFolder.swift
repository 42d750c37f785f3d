import Foundation

/// A report folder written whole or not at all: files go into a temporary sibling folder, which
/// replaces the destination only when `commit()` is called. An interrupted run leaves the previous
/// report in place.
public final class ReportFolder {
    public let destination: String
    /// Where the files are written until the commit.
    public let staging: String
    private var committed = false

    /// Creates the staging folder beside `destination`.
    /// - Throws: `OutputFile.WriteError.failed` when it cannot be created.
    public init(destination: String) throws(OutputFile.WriteError) {
        var trimmed = destination
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.destination = trimmed
        staging = "\(trimmed).partial-\(getpid())"
        do {
            try? FileManager.default.removeItem(atPath: staging)
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw .failed(path: trimmed, reason: "cannot create the report folder: \(error.localizedDescription)")
        }
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: staging) }
    }

    /// The path of `name` inside the staging folder.
    public func path(_ name: String) -> String { "\(staging)/\(name)" }

    /// Writes a whole file into the staging folder.
    public func write(_ name: String, _ text: String) throws(OutputFile.WriteError) {
        let file = try OutputFile(creating: path(name))
        try file.write(text)
        try file.flush()
    }

    /// Puts the staged folder in the destination's place, replacing what was there.
    public func commit() throws(OutputFile.WriteError) {
        let manager = FileManager.default
        let previous = "\(destination).previous-\(getpid())"
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: destination, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw .failed(path: destination, reason: "exists and is not a folder")
        }
        if exists && rename(destination, previous) != 0 {
            throw .failed(path: destination, reason: "cannot replace it: \(String(cString: strerror(errno)))")
        }
        guard rename(staging, destination) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { rename(previous, destination) }
            throw .failed(path: destination, reason: "cannot move the new report into place: \(reason)")
        }
        committed = true
        if exists { try? manager.removeItem(atPath: previous) }
    }
}
