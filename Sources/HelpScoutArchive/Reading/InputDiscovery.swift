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
/// found there is reported, not opened. A directory that cannot be listed becomes an `.unreadable` input,
/// so it is reported by name in its place. A path that does not exist stays a file input: opening it
/// reports the error.
public enum InputDiscovery {
    public static let archiveSuffixes = [".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"]

    /// The archives named by `paths`, in command-line order, directories expanded.
    public static func archives(for paths: [String]) -> [ArchiveInput] {
        paths.flatMap { path -> [ArchiveInput] in
            if path == "-" { return [.standardInput] }
            guard isDirectory(path) else { return [.file(path)] }
            var found: [ArchiveInput] = []
            var ancestors: [DirectoryIdentity] = []
            walk(directory: path, ancestors: &ancestors, into: &found)
            return found.sorted { Array($0.name.utf8).lexicographicallyPrecedes(Array($1.name.utf8)) }
        }
    }

    /// Whether a file name looks like an archive.
    public static func isArchiveName(_ name: String) -> Bool {
        archiveSuffixes.contains { name.hasSuffix($0) }
    }

    private struct DirectoryIdentity: Equatable {
        let device: UInt64
        let inode: UInt64
    }

    private static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    private static func identity(of path: String) -> DirectoryIdentity? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return DirectoryIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }

    private static func walk(directory: String, ancestors: inout [DirectoryIdentity], into found: inout [ArchiveInput]) {
        guard let identity = identity(of: directory) else {
            found.append(ArchiveInput(name: directory, source: .unreadable(reason: String(cString: strerror(errno)))))
            return
        }
        if ancestors.contains(identity) {
            found.append(ArchiveInput(name: directory, source: .unreadable(
                reason: "symbolic link loop: the directory contains itself; not followed")))
            return
        }
        guard let handle = opendir(directory) else {
            found.append(ArchiveInput(name: directory, source: .unreadable(
                reason: "cannot list directory: \(String(cString: strerror(errno)))")))
            return
        }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        closedir(handle)
        ancestors.append(identity)
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in names {
            let path = prefix + name
            var status = stat()
            if stat(path, &status) != 0 {
                let statError = errno
                var linkStatus = stat()
                if lstat(path, &linkStatus) == 0 && (linkStatus.st_mode & S_IFMT) == S_IFLNK {
                    if isArchiveName(name) || statError == ELOOP {
                        found.append(ArchiveInput(name: path, source: .unreadable(
                            reason: "broken symbolic link: \(String(cString: strerror(statError)))")))
                    }
                } else if isArchiveName(name) {
                    found.append(.file(path))
                }
                continue
            }
            switch status.st_mode & S_IFMT {
            case S_IFDIR:
                walk(directory: path, ancestors: &ancestors, into: &found)
            case S_IFREG:
                if isArchiveName(name) { found.append(.file(path)) }
            default:
                // A FIFO, socket or device would block or never end; only ones named explicitly are read.
                if isArchiveName(name) {
                    found.append(ArchiveInput(name: path, source: .unreadable(reason: "not a regular file; name it explicitly to read it")))
                }
            }
        }
        ancestors.removeLast()
    }
}
