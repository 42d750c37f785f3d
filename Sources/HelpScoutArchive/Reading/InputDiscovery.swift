#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Expands the paths given on the command line into the archives to read, in order.
///
/// A directory is searched recursively for `*.jsonl`, `*.ndjson`, `*.jsonl.gz` and `*.ndjson.gz`,
/// following symbolic links but never into a directory that contains itself; what it finds is taken
/// in byte-wise sorted path order. Only regular files are read from directories: a FIFO or device
/// found there is reported, not opened. A directory that cannot be listed, or under which no
/// archive is found, becomes an `.unreadable` input, so it is reported by name in its place. A path
/// that does not exist stays a file input: opening it reports the error. Paths are bytes throughout.
public enum InputDiscovery {
    package static let archiveSuffixes = [".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"]

    /// The archives named by `paths`, in command-line order, directories expanded.
    public static func archives(for paths: [RawPath]) -> [ArchiveInput] {
        paths.flatMap { path -> [ArchiveInput] in
            if path.bytes == Array("-".utf8) { return [.standardInput] }
            guard FileSystem.kind(path, followingLinks: true) == .directory else { return [.file(path)] }
            var search = Search()
            search.walk(directory: path)
            guard !search.found.isEmpty else { return [.unreadable(path, reason: search.nothingFoundReason)] }
            return search.found.sorted { $0.path.bytes.lexicographicallyPrecedes($1.path.bytes) }.map(\.input)
        }
    }

    /// `inputs` with each file that is the same file as one before it (device and inode, links
    /// followed: named twice, reached again through a link or a hard link, or standard input
    /// redirected from a file also named) left out, and what was left out, with the input it
    /// repeats. Read twice, each of its lines would get two statuses and every count would grow.
    /// Inputs that cannot be looked at are kept, for reading to report.
    public static func withoutRepeats(_ inputs: [ArchiveInput]) -> (
        kept: [ArchiveInput], repeats: [(again: ArchiveInput, earlier: ArchiveInput)]
    ) {
        withoutRepeats(inputs) { input in
            switch input.source {
            case .file(let path): return identity(of: status(path))
            case .standardInput:
                var status = stat()
                return fstat(0, &status) == 0 ? identity(of: status) : nil
            case .unreadable: return nil
            }
        }
    }

    /// `withoutRepeats(_:)` for files named by path (`merge`'s partials).
    public static func withoutRepeats(_ paths: [RawPath]) -> (
        kept: [RawPath], repeats: [(again: RawPath, earlier: RawPath)]
    ) {
        withoutRepeats(paths) { identity(of: status($0)) }
    }

    private static func withoutRepeats<Item>(_ items: [Item], identity: (Item) -> FileIdentity?) -> (
        kept: [Item], repeats: [(again: Item, earlier: Item)]
    ) {
        var first: [FileIdentity: Item] = [:]
        var kept: [Item] = []
        var repeats: [(again: Item, earlier: Item)] = []
        for item in items {
            guard let identity = identity(item) else {
                kept.append(item)
                continue
            }
            if let earlier = first[identity] {
                repeats.append((item, earlier))
            } else {
                first[identity] = item
                kept.append(item)
            }
        }
        return (kept, repeats)
    }

    /// A file's identity; nil for a folder, for what cannot be looked at, and where the file system
    /// gives no inode number (some FUSE file systems give 0 to every file).
    private static func identity(of status: stat?) -> FileIdentity? {
        guard let status, (status.st_mode & S_IFMT) != S_IFDIR, status.st_ino != 0 else { return nil }
        return FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    /// The archives named by `paths` given as text.
    public static func archives(for paths: [String]) -> [ArchiveInput] { archives(for: paths.map(RawPath.init)) }

    /// Whether a file name looks like an archive.
    package static func isArchiveName(_ name: [UInt8]) -> Bool { endsWithAny(name, of: archiveSuffixes) }

    package static func isArchiveName(_ name: String) -> Bool { isArchiveName(Array(name.utf8)) }

    /// Names that look like archives but are not searched for: reported when a folder holds no archive.
    static func looksLikeArchive(_ name: [UInt8]) -> Bool {
        endsWithAny(name, of: [".json", ".gz", ".zst", ".bz2", ".xz"])
    }

    private static func endsWithAny(_ name: [UInt8], of suffixes: [String]) -> Bool {
        suffixes.contains { name.count >= $0.utf8.count && name.suffix($0.utf8.count).elementsEqual($0.utf8) }
    }

    /// A file's or directory's identity: its device and inode.
    private struct FileIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    private static func status(_ path: RawPath) -> stat? {
        var status = stat()
        return path.withCString { stat($0, &status) } == 0 ? status : nil
    }

    /// One directory argument's walk: what it found, and what it passed over.
    private struct Search {
        var found: [(path: RawPath, input: ArchiveInput)] = []
        var ancestors: [FileIdentity] = []
        var skippedLookalikes: [RawPath] = []

        /// Why a directory under which nothing was found cannot be read as an archive.
        var nothingFoundReason: String {
            var reason =
                "no archive files found (searched for " + archiveSuffixes.map { "*" + $0 }.joined(separator: ", ") + ")"
            if let first = skippedLookalikes.min(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
                let count = skippedLookalikes.count
                let (files, them) =
                    count == 1
                    ? ("1 file that looks like an archive", "it") : ("\(count) files that look like archives", "them")
                reason +=
                    "; skipped \(files), such as \(first.displayName): rename \(them) to *.jsonl or *.jsonl.gz, or name \(them) on the command line"
            }
            return reason
        }

        mutating func add(_ path: RawPath, _ input: ArchiveInput) { found.append((path, input)) }

        mutating func walk(directory: RawPath) {
            guard let status = InputDiscovery.status(directory) else {
                add(directory, .unreadable(directory, reason: String(cString: strerror(errno))))
                return
            }
            let identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
            if ancestors.contains(identity) {
                add(
                    directory,
                    .unreadable(directory, reason: "symbolic link loop: the directory contains itself; not followed"))
                return
            }
            guard let names = FileSystem.entries(directory) else {
                add(directory, .unreadable(directory, reason: "cannot list directory: \(FileSystem.lastError)"))
                return
            }
            ancestors.append(identity)
            for name in names { visit(directory.appending(name), name: name) }
            ancestors.removeLast()
        }

        private mutating func visit(_ path: RawPath, name: [UInt8]) {
            var status = stat()
            if path.withCString({ stat($0, &status) }) != 0 {
                let statError = errno
                var linkStatus = stat()
                if path.withCString({ lstat($0, &linkStatus) }) == 0 && (linkStatus.st_mode & S_IFMT) == S_IFLNK {
                    if isArchiveName(name) || statError == ELOOP {
                        add(
                            path,
                            .unreadable(path, reason: "broken symbolic link: \(String(cString: strerror(statError)))"))
                    }
                } else if isArchiveName(name) {
                    add(path, .file(path))
                }
                return
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                walk(directory: path)
            case S_IFREG:
                if isArchiveName(name) {
                    add(path, .file(path))
                } else if looksLikeArchive(name) {
                    skippedLookalikes.append(path)
                }
            default:
                // A FIFO, socket or device would block or never end; only ones named explicitly are read.
                if isArchiveName(name) {
                    add(path, .unreadable(path, reason: "not a regular file; name it explicitly to read it"))
                }
            }
        }
    }
}
