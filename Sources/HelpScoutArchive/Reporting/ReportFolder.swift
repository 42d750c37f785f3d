import CPlatform
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
/// destination, which `commit()` swaps in with one `renameat2(RENAME_EXCHANGE)`, so a reader always
/// sees a whole report, old or new; the old one's files are then removed by name. A mount point
/// cannot be swapped: its files are replaced one by one (each by an atomic rename), so a reader may
/// briefly see new files beside old ones. `discard()` (on any error, or from a signal) removes what
/// was staged; staging folders left by killed runs are swept by the next run.
public final class ReportFolder: @unchecked Sendable {
    static let mountStagingPrefix = Array(".hsarchive-partial-".utf8)

    private enum Stage { case prepared, staged, committed, discarded }

    private var destination: ReportDestination
    /// Entries of the existing folder that hsarchive wrote: what a commit may remove.
    private var owned: [[UInt8]] = []
    private let lock: FolderLock
    private let staging: RawPath
    private var written: [String] = []
    private var stage = Stage.prepared
    /// Held while the staging folder changes, so that a discard from another thread never races a
    /// commit or the creation of a file.
    private let state = NSLock()

    /// `--out` as given, made display-safe.
    public var name: String { destination.name }

    /// Checks `out` (see the type's description), waits for any other run writing it, and sweeps
    /// the staging folders of killed runs. Creates nothing but the lock file and missing parents.
    /// - Parameters:
    ///   - inputs: every path the run reads; the folder must not be or hold one of them.
    ///   - whileWaiting: called once if another run holds the folder's lock, before waiting for it.
    public init(out: RawPath, inputs: [RawPath], whileWaiting: () -> Void = {}) throws(ReportFolderError) {
        let destination = try ReportDestination.resolve(out, inputs: inputs)
        // Checked before anything is created, and again once the lock is held.
        _ = try destination.ownedEntries()
        self.destination = destination
        let folder = destination.folder
        let lockPath: RawPath
        switch destination.kind {
        case .new, .existing:
            let parent = folder.parent
            let status = FileSystem.makeFolders(parent)
            guard status == 0 else { throw .cannotCreate(destination.name, reason: FileSystem.describe(status)) }
            lockPath = parent.appending(Array(".".utf8) + folder.lastComponent + Array(".hsarchive-lock".utf8))
            staging = parent.appending(folder.lastComponent + Array(".partial-\(getpid())".utf8))
        case .mountPoint:
            lockPath = folder.appending(Array(ReportFiles.lock.utf8))
            staging = folder.appending(Self.mountStagingPrefix + Array("\(getpid())".utf8))
        }
        lock = try FolderLock(path: lockPath, folderName: destination.name, whileWaiting: whileWaiting)
        // The run that held the lock may have created the folder meanwhile.
        self.destination = try ReportDestination.resolve(out, inputs: inputs)
        sweepStaleStaging()
        owned = try destination.ownedEntries()
        if destination.kind != .new && folder.withCString({ access($0, W_OK) }) != 0 {
            throw .notWritable(destination.name, reason: FileSystem.lastError)
        }
    }

    /// Creates the staging folder. Call it once whatever removes it on an interrupt is in place.
    public func createStaging() throws(ReportFolderError) {
        state.lock()
        defer { state.unlock() }
        // Marked first: a discard waiting for the lock then removes the folder whatever happens here.
        stage = .staged
        if staging.withCString({ mkdir($0, 0o755) }) != 0 {
            let reason = FileSystem.lastError
            stage = .discarded
            throw destination.kind == .mountPoint ? .notWritable(name, reason: reason) : .cannotCreate(name, reason: reason)
        }
    }

    /// Creates the report file `name` in the staging folder, for writing as the run goes.
    public func create(_ name: String) throws(OutputFile.WriteError) -> OutputFile {
        precondition(ReportFiles.names.contains(name), "\(name) is not a report file")
        state.lock()
        defer { state.unlock() }
        let path = staging.appending(Array(name.utf8))
        let file = try OutputFile(creating: path, name: "\(self.name)/\(name)")
        written.append(name)
        return file
    }

    /// Writes the whole report file `name` into the staging folder.
    public func write(_ name: String, _ text: String) throws(OutputFile.WriteError) {
        let file = try create(name)
        try file.write(text)
        try file.close()
    }

    /// Puts the staged report in the destination's place (see the type's description).
    /// - Throws: `ReportFolderError` when it cannot; the previous report is then as it was, and the
    ///   caller should `discard()` the staged one.
    public func commit() throws(ReportFolderError) {
        do { try write(ReportFiles.manifest, ReportFiles.manifestText(listing: written)) } catch {
            throw .notWritable(name, reason: error.reason)
        }
        state.lock()
        defer { state.unlock() }
        guard stage == .staged else { return }
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
    public func discard() -> Bool {
        state.lock()
        defer { state.unlock() }
        guard stage != .committed else { return false }
        guard stage == .staged else { return true }
        for name in Set(written) { FileSystem.remove(staging.appending(Array(name.utf8))) }
        _ = FileSystem.removeFolder(staging)
        stage = .discarded
        return true
    }

    deinit { discard() }

    private func moveIntoPlace() throws(ReportFolderError) {
        let folder = destination.folder
        if staging.withCString({ from in folder.withCString { hs_rename_noreplace(from, $0) } }) == 0 { return }
        switch errno {
        case EEXIST:
            throw .cannotReplace(name, reason: "a folder of that name appeared while the report was being written")
        case EINVAL, ENOSYS:
            // No renameat2 here: a plain rename fails on a folder that is not empty.
            if FileSystem.rename(staging, to: folder) { return }
            throw .cannotReplace(name, reason: FileSystem.lastError)
        default:
            throw .cannotReplace(name, reason: FileSystem.lastError)
        }
    }

    private func swapIntoPlace() throws(ReportFolderError) {
        let folder = destination.folder
        owned = try recheckedOwnedEntries()
        let swapped = staging.withCString { from in folder.withCString { hs_rename_exchange(from, $0) } } == 0
        if swapped {
            // The staging path now holds the previous report.
            removeOwned(from: staging)
            return
        }
        guard errno == EINVAL || errno == ENOSYS else { throw .cannotReplace(name, reason: FileSystem.lastError) }
        // A file system without the atomic swap: two renames, with a moment without the folder.
        let previous = folder.parent.appending(folder.lastComponent + Array(".previous-\(getpid())".utf8))
        guard FileSystem.rename(folder, to: previous) else { throw .cannotReplace(name, reason: FileSystem.lastError) }
        guard FileSystem.rename(staging, to: folder) else {
            let reason = FileSystem.lastError
            _ = FileSystem.rename(previous, to: folder)
            throw .cannotReplace(name, reason: reason)
        }
        removeOwned(from: previous)
    }

    private func replaceFiles() throws(ReportFolderError) {
        let folder = destination.folder
        owned = try recheckedOwnedEntries()
        // The manifest goes last, so it lists only files that are in place.
        let order = Set(written).subtracting([ReportFiles.manifest]).sorted() + [ReportFiles.manifest]
        for file in order {
            let bytes = Array(file.utf8)
            guard FileSystem.rename(staging.appending(bytes), to: folder.appending(bytes)) else {
                throw .cannotReplace(name, reason: FileSystem.lastError)
            }
        }
        let kept = Set(order.map { Array($0.utf8) })
        for entry in owned where !kept.contains(entry) { FileSystem.remove(folder.appending(entry)) }
        _ = FileSystem.removeFolder(staging)
    }

    /// The folder's own entries again just before it is replaced: files that appeared during the
    /// run stop the commit rather than be removed.
    private func recheckedOwnedEntries() throws(ReportFolderError) -> [[UInt8]] {
        do { return try destination.ownedEntries() } catch {
            if case .notAReport(_, let foreign, _) = error { throw .changedDuringRun(name, foreign: foreign) }
            throw error
        }
    }

    /// Removes the files hsarchive wrote from a replaced report folder, then the folder if empty.
    private func removeOwned(from folder: RawPath) {
        for entry in owned { FileSystem.remove(folder.appending(entry)) }
        _ = FileSystem.removeFolder(folder)
    }

    /// Removes the staging folders of runs that were killed (their process is gone), when they
    /// hold nothing but report files; `.previous-` folders too, which older versions could leave.
    private func sweepStaleStaging() {
        let (parent, prefixes): (RawPath, [[UInt8]]) = destination.kind == .mountPoint
            ? (destination.folder, [Self.mountStagingPrefix])
            : (destination.folder.parent, [".partial-", ".previous-"].map { destination.folder.lastComponent + Array($0.utf8) })
        let ownNames = Set(ReportFiles.names.map { Array($0.utf8) })
        for entry in FileSystem.entries(parent) ?? [] {
            guard let prefix = prefixes.first(where: { entry.starts(with: $0) }) else { continue }
            let digits = entry.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let pid = Int32(String(decoding: digits, as: UTF8.self)), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            let stale = parent.appending(entry)
            guard FileSystem.kind(stale) == .directory, let inside = FileSystem.entries(stale),
                  inside.allSatisfy({ ownNames.contains($0) && FileSystem.kind(stale.appending($0)) == .regularFile }) else { continue }
            for name in inside { FileSystem.remove(stale.appending(name)) }
            _ = FileSystem.removeFolder(stale)
        }
    }
}
