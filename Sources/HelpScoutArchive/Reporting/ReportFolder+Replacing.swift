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
        let charts = Set(written).filter { $0.contains("/") }.sorted()
        // The charts first, through descriptors; the manifest last, so it lists only files in place.
        if !charts.isEmpty { try moveCharts(charts) }
        let order =
            Set(written).subtracting(charts).subtracting([ReportFiles.manifest]).sorted() + [ReportFiles.manifest]
        for (index, file) in order.enumerated() {
            let bytes = Array(file.utf8)
            guard FileSystem.rename(staging.appending(bytes), to: folder.appending(bytes)) else {
                let reason = FileSystem.lastError
                if index == 0 && charts.isEmpty { throw .cannotReplace(name, reason: reason) }
                throw .partlyReplaced(name, reason: reason)
            }
        }
        FileSystem.syncFolder(folder)
        let chartsFolder = Array((ReportFiles.charts + "/").utf8)
        var kept = Set((order + charts).map { Array($0.utf8) })
        if !charts.isEmpty { kept.insert(chartsFolder) }
        FileSystem.removeFiles(owned.filter { !kept.contains($0) }, from: folder)
        _ = FileSystem.removeFiles([chartsFolder], thenFolder: staging)
    }

    /// Moves the staged charts into the mount point's `charts` folder, made if missing: both folders
    /// are opened without following a link and the files renamed between the descriptors, so a
    /// link put in place of `charts` during the run is never written through.
    private func moveCharts(_ names: [String]) throws(ReportFolderError) {
        let chartsName = ReportFiles.charts
        guard let folderFd = FileSystem.openFolder(destination.folder) else {
            throw .cannotReplace(name, reason: FileSystem.lastError)
        }
        defer { close(folderFd) }
        guard let stagedFd = FileSystem.openFolder(staging.appending(Array(chartsName.utf8))) else {
            throw .cannotReplace(name, reason: FileSystem.lastError)
        }
        defer { close(stagedFd) }
        let made = mkdirat(folderFd, chartsName, 0o755) == 0
        guard made || errno == EEXIST else { throw .cannotReplace(name, reason: FileSystem.lastError) }
        func undo() { if made { _ = unlinkat(folderFd, chartsName, AT_REMOVEDIR) } }
        guard let chartsFd = FileSystem.openSubfolder(Array(chartsName.utf8), in: folderFd),
            FileSystem.sameDevice(chartsFd, folderFd)
        else {
            undo()
            throw .cannotReplace(name, reason: "\(chartsName) is not a folder of the report")
        }
        defer { close(chartsFd) }
        for (index, path) in names.enumerated() {
            let file = String(path.dropFirst(chartsName.count + 1))
            guard renameat(stagedFd, file, chartsFd, file) == 0 else {
                let reason = FileSystem.lastError
                if index == 0 {
                    undo()
                    throw .cannotReplace(name, reason: reason)
                }
                throw .partlyReplaced(name, reason: reason)
            }
        }
        fsync(chartsFd)
    }

    private func exchange(_ first: RawPath, _ second: RawPath) -> Bool {
        first.withCString { from in second.withCString { hs_rename_exchange(from, $0) } } == 0
    }

    /// What the folder at `path` holds besides the entries it held when it was checked (a few
    /// names), in its `charts` too.
    private func foreignEntries(of path: RawPath) -> [String] {
        guard let fd = FileSystem.openFolder(path) else { return [path.displayName] }
        defer { close(fd) }
        let known = Set(owned)
        let (ours, others) = ReportFiles.split(folder: fd, emptyCharts: true) { known.contains($0) }
        return (others + ours.filter { !known.contains($0) }).sorted { $0.lexicographicallyPrecedes($1) }
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
            // No manifest yet: the report's own names vouch for its files; a run killed just
            // after making `charts` left it empty.
            let (inside, others) = ReportFiles.split(folder: fd, emptyCharts: true) {
                ownNames.contains($0) || ReportFiles.isReportFile(String(decoding: $0, as: UTF8.self))
            }
            close(fd)
            if others.isEmpty { _ = FileSystem.removeFiles(inside, thenFolder: stale) }
        }
    }
}
