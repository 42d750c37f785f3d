import CPlatform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The three ways a staged report takes the destination's place, and the sweep of killed runs'
/// staging folders. Called with `state` locked.
extension ReportFolder {
    func moveIntoPlace() throws(ReportFolderError) {
        let folder = destination.folder
        if staging.withCString({ from in folder.withCString { hs_rename_noreplace(from, $0) } }) == 0 {
            FileSystem.syncFolder(folder.parent)
            return
        }
        switch errno {
        case EEXIST:
            throw .cannotReplace(name, reason: "a folder of that name appeared while the report was being written")
        case EINVAL, ENOSYS:
            // No renameat2 here: a plain rename fails on a folder that is not empty.
            guard FileSystem.rename(staging, to: folder) else {
                throw .cannotReplace(name, reason: FileSystem.lastError)
            }
            FileSystem.syncFolder(folder.parent)
        default:
            throw .cannotReplace(name, reason: FileSystem.lastError)
        }
    }

    func swapIntoPlace() throws(ReportFolderError) {
        let folder = destination.folder
        owned = try recheckedOwnedEntries()
        if exchange(staging, folder) {
            // The staging path now holds the previous report. A file that appeared in it between
            // the check and the swap puts it back: the new report is not put in its place.
            let appeared = foreignEntries(of: staging)
            guard appeared.isEmpty else {
                if exchange(staging, folder) { throw .changedDuringRun(name, foreign: appeared) }
                keep(staging)
                FileSystem.syncFolder(folder.parent)
                return
            }
            FileSystem.syncFolder(folder.parent)
            if !FileSystem.removeFiles(owned, thenFolder: staging) { keep(staging) }
            return
        }
        guard [EINVAL, ENOSYS, EXDEV, EOPNOTSUPP].contains(errno) else {
            throw .cannotReplace(name, reason: FileSystem.lastError)
        }
        // A file system without the atomic swap: two renames, with a moment without the folder.
        let previous = folder.parent.appending(folder.lastComponent + Array(".previous-\(getpid())".utf8))
        guard FileSystem.rename(folder, to: previous) else { throw .cannotReplace(name, reason: FileSystem.lastError) }
        guard FileSystem.rename(staging, to: folder) else {
            let reason = FileSystem.lastError
            _ = FileSystem.rename(previous, to: folder)
            throw .cannotReplace(name, reason: reason)
        }
        FileSystem.syncFolder(folder.parent)
        if !FileSystem.removeFiles(owned, thenFolder: previous) { keep(previous) }
    }

    func replaceFiles() throws(ReportFolderError) {
        let folder = destination.folder
        owned = try recheckedOwnedEntries()
        // The manifest goes last, so it lists only files that are in place.
        let order = Set(written).subtracting([ReportFiles.manifest]).sorted() + [ReportFiles.manifest]
        let chartsFolder = Array(ReportFiles.charts.utf8)
        if order.contains(where: { $0.contains("/") }),
            folder.appending(chartsFolder).withCString({ mkdir($0, 0o755) }) != 0 && errno != EEXIST
        {
            throw .cannotReplace(name, reason: FileSystem.lastError)
        }
        for (index, file) in order.enumerated() {
            let bytes = Array(file.utf8)
            guard FileSystem.rename(staging.appending(bytes), to: folder.appending(bytes)) else {
                let reason = FileSystem.lastError
                if index == 0 { throw .cannotReplace(name, reason: reason) }
                throw .partlyReplaced(name, reason: reason)
            }
        }
        FileSystem.syncFolder(folder)
        var kept = Set(order.map { Array($0.utf8) })
        if order.contains(where: { $0.contains("/") }) { kept.insert(chartsFolder + [UInt8(ascii: "/")]) }
        FileSystem.removeFiles(owned.filter { !kept.contains($0) }, from: folder)
        _ = FileSystem.removeFiles([chartsFolder + [UInt8(ascii: "/")]], thenFolder: staging)
    }

    private func exchange(_ first: RawPath, _ second: RawPath) -> Bool {
        first.withCString { from in second.withCString { hs_rename_exchange(from, $0) } } == 0
    }

    /// What the folder at `path` holds besides the entries it held when it was checked (a few names).
    private func foreignEntries(of path: RawPath) -> [String] {
        guard let fd = FileSystem.openFolder(path) else { return [path.displayName] }
        defer { close(fd) }
        // A subfolder's files are owned as `sub/NAME`; the folder holds `sub`.
        let known = Set(owned.map { Array($0.split(separator: UInt8(ascii: "/"), maxSplits: 1)[0]) })
        return FileSystem.entries(inFolder: fd).filter { !known.contains($0) }.sorted {
            $0.lexicographicallyPrecedes($1)
        }
        .prefix(3).map { RawPath(bytes: $0).displayName }
    }

    /// The folder's own entries again just before it is replaced: files that appeared during the
    /// run stop the commit rather than be removed.
    private func recheckedOwnedEntries() throws(ReportFolderError) -> [[UInt8]] {
        do { return try destination.ownedEntries() } catch {
            if case .notAReport(_, let foreign, _) = error { throw .changedDuringRun(name, foreign: foreign) }
            throw error
        }
    }

    /// Removes the staging folders of runs that were killed: named after this folder and a process
    /// that is gone, and holding nothing but report files.
    func sweepStaleStaging() {
        let (parent, prefix) =
            destination.kind == .mountPoint
            ? (destination.folder, Self.stagingInfix)
            : (destination.folder.parent, destination.folder.lastComponent + Self.stagingInfix)
        let ownNames = Set(ReportFiles.names.map { Array($0.utf8) })
        for entry in FileSystem.entries(parent) ?? [] where entry.starts(with: prefix) {
            let digits = entry.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.count <= 10, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let pid = Int32(String(decoding: digits, as: UTF8.self)), pid != getpid()
            else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            let stale = parent.appending(entry)
            guard let fd = FileSystem.openFolder(stale) else { continue }
            let (inside, others) = ReportFiles.split(folder: fd) { ownNames.contains($0) }
            close(fd)
            if others.isEmpty { _ = FileSystem.removeFiles(inside, thenFolder: stale) }
        }
    }
}
