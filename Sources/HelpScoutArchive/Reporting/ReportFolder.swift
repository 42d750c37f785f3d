import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A report folder written whole or not at all, and only ever in place of a folder hsarchive wrote.
///
/// Everything that can be checked is checked when it is made, before any input is read: `--out` is
/// resolved and refused when it is not a report folder or holds an input, and a lock taken so that a
/// second run into the same folder waits. Files then go into a staging folder beside the
/// destination, written to disk (`fsync`) and swapped in with one
/// `renameat2(RENAME_EXCHANGE)`, so a reader always sees a whole report, old or new; the old one's
/// files are then removed by name. A mount point cannot be swapped: its files are replaced one by
/// one (each by an atomic rename), so a reader may briefly see new files beside old ones.
/// `discard()` (on any error, or from a signal) removes what was staged; the staging folders of
/// killed runs are swept by the next run. A staging folder's name (`DIR.hsarchive-partial-PID`)
/// says whose it is: no one else names a folder so.
package final class ReportFolder: @unchecked Sendable {
    static let stagingInfix = Array(".hsarchive-partial-".utf8)

    enum Stage { case prepared, staged, committed, discarded }

    var destination: ReportDestination
    /// Entries of the existing folder that hsarchive wrote: what a commit may remove.
    var owned: [[UInt8]] = []
    private let lock: FolderLock
    let staging: RawPath
    var written: [String] = []
    var stage = Stage.prepared
    /// Held while the staging folder changes, so that a discard from another thread never races a
    /// commit or the creation of a file.
    let state = NSLock()

    /// `--out` as given, made display-safe.
    package var name: String { destination.name }

    /// Where the replaced report was left when it could not be removed whole (files appeared in it
    /// while it was swapped out); nil when it was removed.
    package private(set) var leftover: String?

    /// Checks `out` (see the type's description), waits for any other run writing it, and sweeps
    /// the staging folders of killed runs. Creates nothing but the lock file and missing parents.
    /// - Parameters:
    ///   - inputs: every path the run reads; the folder must not be or hold one of them.
    ///   - whileWaiting: called once if another run holds the folder's lock, before waiting for it.
    package init(out: RawPath, inputs: [RawPath], whileWaiting: () -> Void = {}) throws(ReportFolderError) {
        let destination = try ReportDestination.resolve(out, inputs: inputs)
        self.destination = destination
        let folder = destination.folder
        let lockPath: RawPath
        switch destination.kind {
        case .new, .existing:
            lockPath = folder.parent.appending(Array(".".utf8) + folder.lastComponent + Array(".hsarchive-lock".utf8))
            staging = folder.parent.appending(folder.lastComponent + Self.stagingInfix + Array("\(getpid())".utf8))
        case .mountPoint:
            lockPath = folder.appending(Array(ReportFiles.lock.utf8))
            staging = folder.appending(Self.stagingInfix + Array("\(getpid())".utf8))
        }
        // Checked before anything is created, so a folder that is not a report gets no lock file
        // beside it, and again once the lock is held. Where a lock file exists, another run may be
        // replacing the folder at this very moment: only the check under the lock counts there.
        do { _ = try destination.ownedEntries() } catch {
            guard FileSystem.kind(lockPath) == .regularFile else { throw error }
        }
        if destination.kind != .mountPoint {
            let status = FileSystem.makeFolders(folder.parent)
            guard status == 0 else { throw .cannotCreate(destination.name, reason: FileSystem.describe(status)) }
        }
        lock = try FolderLock(path: lockPath, folderName: destination.name, whileWaiting: whileWaiting)
        // The run that held the lock may have created the folder meanwhile.
        self.destination = try ReportDestination.resolve(out, inputs: inputs)
        sweepStaleStaging()
        owned = try self.destination.ownedEntries()
        if self.destination.kind != .new && folder.withCString({ access($0, W_OK) }) != 0 {
            throw .notWritable(name, reason: FileSystem.lastError)
        }
        // The previous charts are removed from their folder, and on a mount point replaced in it.
        let charts = folder.appending(Array(ReportFiles.charts.utf8))
        if owned.contains(Array((ReportFiles.charts + "/").utf8)) && charts.withCString({ access($0, W_OK) }) != 0 {
            throw .notWritable("\(name)/\(ReportFiles.charts)", reason: FileSystem.lastError)
        }
    }

    /// Creates the staging folder. Call it once whatever removes it on an interrupt is in place.
    package func createStaging() throws(ReportFolderError) {
        state.lock()
        defer { state.unlock() }
        // Marked first: a discard waiting for the lock then removes the folder whatever happens here.
        stage = .staged
        guard staging.withCString({ mkdir($0, 0o755) }) == 0 else {
            let reason = FileSystem.lastError
            stage = .discarded
            throw destination.kind == .mountPoint
                ? .notWritable(name, reason: reason) : .cannotCreate(name, reason: reason)
        }
    }

    /// Creates the report file `name` in the staging folder, for writing as the run goes
    /// (`charts/NAME` in its `charts` subfolder, made with the first chart).
    package func create(_ name: String) throws(OutputFile.WriteError) -> OutputFile {
        precondition(ReportFiles.isReportFile(name), "\(name) is not a report file")
        state.lock()
        defer { state.unlock() }
        guard stage == .staged else { throw .failed(name: "\(self.name)/\(name)", reason: "the report was discarded") }
        if name.contains("/") && !written.contains(where: { $0.contains("/") }) {
            let charts = staging.appending(Array(ReportFiles.charts.utf8))
            guard charts.withCString({ mkdir($0, 0o755) }) == 0 else {
                throw .failed(name: "\(self.name)/\(ReportFiles.charts)", reason: FileSystem.lastError)
            }
        }
        let file = try OutputFile(creating: staging.appending(Array(name.utf8)), name: "\(self.name)/\(name)")
        written.append(name)
        return file
    }

    /// Writes the whole report file `name` into the staging folder.
    package func write(_ name: String, _ text: String) throws(OutputFile.WriteError) {
        let file = try create(name)
        try file.write(text)
        try file.close()
    }

    /// Puts the staged report in the destination's place (see the type's description).
    /// - Throws: `ReportFolderError` when it cannot; unless it says otherwise
    ///   (`keptPreviousReport`), the previous report is then as it was, and the caller should
    ///   `discard()` the staged one.
    package func commit() throws(ReportFolderError) {
        do { try write(ReportFiles.manifest, ReportFiles.manifestText(listing: written)) } catch {
            throw .notWritable(name, reason: error.reason)
        }
        state.lock()
        defer { state.unlock() }
        guard stage == .staged else { throw .cannotReplace(name, reason: "the run was interrupted") }
        FileSystem.syncFolder(staging)
        switch destination.kind {
        case .new: try moveIntoPlace()
        case .existing: try swapIntoPlace()
        case .mountPoint: try replaceFiles()
        }
        stage = .committed
    }

    /// Removes the staged files and folder; the destination is untouched. Safe to call from any
    /// thread, at any time, more than once.
    /// - Returns: false when the report had already been committed.
    @discardableResult
    package func discard() -> Bool {
        state.lock()
        defer { state.unlock() }
        guard stage != .committed else { return false }
        guard stage == .staged else { return true }
        let files = Set(written).map { Array($0.utf8) } + [Array((ReportFiles.charts + "/").utf8)]
        _ = FileSystem.removeFiles(files, thenFolder: staging)
        stage = .discarded
        return true
    }

    deinit { discard() }

    /// Notes that the replaced report at `folder` could not be removed whole.
    func keep(_ folder: RawPath) { leftover = folder.displayName }
}
