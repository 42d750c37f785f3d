import CPlatform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What `--out` names, checked before any input is read: the real folder (through a symbolic link
/// to it, which stays a link), whether it exists or is a mount point, and whether it is a folder
/// hsarchive may replace: new, empty, or holding only files a report writes.
struct ReportDestination {
    enum Kind {
        /// Nothing there yet: the new report folder is renamed into place.
        case new
        /// A report folder: the new one takes its place in one atomic swap.
        case existing
        /// A mount point cannot be renamed: its files are replaced one by one instead.
        case mountPoint
    }

    /// `--out` as given, for messages.
    let name: String
    /// The folder the report goes to: `--out`, or the folder a symbolic link there points to.
    let folder: RawPath
    let kind: Kind

    /// Resolves `out` and checks that it is not, and does not hold, one of `inputs`.
    static func resolve(_ out: RawPath, inputs: [RawPath]) throws(ReportFolderError) -> ReportDestination {
        let out = out.withoutTrailingSlashes
        let name = out.displayName
        guard !out.bytes.isEmpty else { throw .notAFolder("''") }
        // The real path, so that `.`, `../Reports` and `/abs/Reports` are one folder with one lock
        // beside it, and a symbolic link is written through.
        var folder = FileSystem.realPath(out.parent).map { $0.appending(out.lastComponent) } ?? out
        switch FileSystem.kind(out) {
        case .missing:
            if out.lastComponent == Array(".".utf8) || out.lastComponent == Array("..".utf8) {
                throw .cannotCreate(name, reason: "No such file or directory")
            }
        case .directory:
            guard let real = FileSystem.realPath(out) else { throw .cannotList(name, reason: FileSystem.lastError) }
            folder = real
        case .symbolicLink:
            switch FileSystem.kind(out, followingLinks: true) {
            case .directory:
                guard let real = FileSystem.realPath(out) else { throw .cannotList(name, reason: FileSystem.lastError) }
                folder = real
            case .missing:
                throw .danglingLink(name, target: FileSystem.linkTarget(out)?.displayName ?? "?")
            default:
                throw .notAFolder(name)
            }
        default:
            throw .notAFolder(name)
        }
        let exists = FileSystem.kind(folder) == .directory
        let inside = folder.bytes == [UInt8(ascii: "/")] ? folder.bytes : folder.bytes + [UInt8(ascii: "/")]
        func holds(_ path: RawPath) -> Bool { path == folder || path.bytes.starts(with: inside) }
        for input in inputs {
            if let path = FileSystem.realPath(input), holds(path) { throw .holdsInput(name, input: input.displayName) }
        }
        // The folder is replaced whole: a shell (or cron's script) working in it would be left in
        // a folder that no longer exists.
        if let workingDirectory = FileSystem.realPath(RawPath(".")), holds(workingDirectory) {
            throw .holdsWorkingDirectory(name)
        }
        let kind: Kind = !exists ? .new : (isMountPoint(folder) ? .mountPoint : .existing)
        return ReportDestination(name: name, folder: folder, kind: kind)
    }

    /// Whether the folder holds an `integrity.csv` that starts as every version of hsarchive wrote it.
    private func holdsEarlierIntegrityFile() -> Bool {
        guard let bytes = FileSystem.readSmallFile(folder.appending(Array(ReportFiles.integrity.utf8)), limit: 1 << 12)
        else { return false }
        return bytes.starts(with: "status,count\nverified,".utf8)
    }

    /// Whether `folder` is the root of a mount, bind mounts included (Linux 5.8's statx tells; on
    /// older kernels, a different device than its parent's).
    private static func isMountPoint(_ folder: RawPath) -> Bool {
        switch folder.withCString(hs_is_mount_root) {
        case 1: return true
        case 0: return false
        default:
            var own = stat(), parent = stat()
            guard folder.withCString({ stat($0, &own) }) == 0,
                folder.appending(Array("..".utf8)).withCString({ stat($0, &parent) }) == 0
            else { return false }
            return own.st_dev != parent.st_dev
        }
    }

    /// The names in the folder that hsarchive wrote: report files by name or listed in its manifest,
    /// each a regular file. Its own lock and a staging folder in a mount point are passed over.
    /// A folder without a manifest (an earlier version's) counts as a report only when it holds the
    /// `integrity.csv` every report has written, starting as every version wrote it: a folder of a
    /// lone `report.md`, or with a hand-written `integrity.csv`, is not one.
    /// - Throws: `.notAReport` when the folder holds anything else, naming a few of those entries.
    func ownedEntries() throws(ReportFolderError) -> [[UInt8]] {
        guard kind != .new else { return [] }
        guard let fd = FileSystem.openFolder(folder) else { throw .cannotList(name, reason: FileSystem.lastError) }
        defer { close(fd) }
        let ownNames = Set(ReportFiles.names.map { Array($0.utf8) })
        let manifest = FileSystem.readSmallFile(folder.appending(Array(ReportFiles.manifest.utf8)), limit: 1 << 16)
        let listed = manifest.map { ReportFiles.names(inManifest: String(decoding: $0, as: UTF8.self)) } ?? []
        var (owned, foreign) = ReportFiles.split(folder: fd) { ownNames.contains($0) || listed.contains($0) }
        if kind == .mountPoint {
            foreign.removeAll { $0 == Array(ReportFiles.lock.utf8) || $0.starts(with: ReportFolder.stagingInfix) }
        }
        if manifest == nil && !owned.isEmpty && !holdsEarlierIntegrityFile() {
            foreign += owned
            owned = []
        }
        guard foreign.isEmpty else {
            let shown = foreign.sorted { $0.lexicographicallyPrecedes($1) }.prefix(3).map {
                RawPath(bytes: $0).displayName
            }
            throw .notAReport(name, foreign: Array(shown), count: foreign.count)
        }
        return owned
    }
}
