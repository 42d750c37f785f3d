#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system calls the inputs and the report folder need, on paths as bytes.
enum FileSystem {
    enum Kind { case missing, directory, symbolicLink, regularFile, other }

    /// What is at `path`; with `followingLinks`, what a symbolic link there points to.
    static func kind(_ path: RawPath, followingLinks: Bool = false) -> Kind {
        var status = stat()
        let result = path.withCString { followingLinks ? stat($0, &status) : lstat($0, &status) }
        guard result == 0 else { return .missing }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    /// The absolute path with every symbolic link resolved; nil when it does not exist.
    static func realPath(_ path: RawPath) -> RawPath? {
        guard let resolved = path.withCString({ realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return RawPath(
            bytes: Array(UnsafeBufferPointer(start: resolved, count: strlen(resolved)).map { UInt8(bitPattern: $0) }))
    }

    /// Where a symbolic link points, as written in it.
    static func linkTarget(_ path: RawPath) -> RawPath? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = path.withCString { readlink($0, &buffer, buffer.count) }
        guard count >= 0 else { return nil }
        return RawPath(bytes: buffer[0..<count].map { UInt8(bitPattern: $0) })
    }

    /// The names in a folder, `.` and `..` left out; nil when it cannot be listed (errno says why).
    static func entries(_ folder: RawPath) -> [[UInt8]]? {
        let fd = folder.withCString { open($0, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return entries(inFolder: fd)
    }

    /// Creates `path` and any missing folder above it. Returns 0, or the errno of the failure.
    static func makeFolders(_ path: RawPath) -> Int32 {
        switch kind(path, followingLinks: true) {
        case .directory: return 0
        case .missing: break
        default: return ENOTDIR
        }
        let parent = path.parent
        if parent != path {
            let status = makeFolders(parent)
            if status != 0 { return status }
        }
        if path.withCString({ mkdir($0, 0o755) }) != 0 && errno != EEXIST { return errno }
        return 0
    }

    static func remove(_ path: RawPath) { _ = path.withCString { unlink($0) } }

    /// The folder at `path`, opened without following a symbolic link at its end; nil when it is
    /// not a folder (or a link to one).
    static func openFolder(_ path: RawPath) -> Int32? {
        let fd = path.withCString { open($0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        return fd >= 0 ? fd : nil
    }

    /// The names in an open folder, `.` and `..` left out.
    static func entries(inFolder fd: Int32) -> [[UInt8]] {
        let copy = dup(fd)
        guard copy >= 0, let handle = fdopendir(copy) else { return [] }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name != Array(".".utf8) && name != Array("..".utf8) { names.append(name) }
        }
        return names
    }

    /// Whether `name` in an open folder is a regular file (a symbolic link is not).
    static func isRegularFile(_ name: [UInt8], inFolder fd: Int32) -> Bool {
        var status = stat()
        let result = RawPath(bytes: name).withCString { fstatat(fd, $0, &status, AT_SYMLINK_NOFOLLOW) }
        return result == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Removes the regular files `names` from the folder at `path`, through a descriptor that was
    /// opened without following a link, so nothing outside that folder is ever reached; then the
    /// folder itself when it is left empty.
    /// - Returns: whether the folder is gone.
    static func removeFiles(_ names: [[UInt8]], thenFolder path: RawPath) -> Bool {
        removeFiles(names, from: path)
        return removeFolder(path)
    }

    /// Removes the regular files `names` from the folder at `path`, as `removeFiles(_:thenFolder:)`
    /// does, leaving the folder.
    /// A name `sub/file` is a regular file in the subfolder `sub` (opened without following a link
    /// either), and `sub/` the subfolder itself, removed after its files when it is left empty.
    static func removeFiles(_ names: [[UInt8]], from path: RawPath) {
        guard let fd = openFolder(path) else { return }
        defer { close(fd) }
        let slash = UInt8(ascii: "/")
        for name in names where !name.contains(slash) && isRegularFile(name, inFolder: fd) {
            _ = RawPath(bytes: name).withCString { unlinkat(fd, $0, 0) }
        }
        var subfolders: [[UInt8]: [[UInt8]]] = [:]
        for name in names where name.contains(slash) {
            // One level only, and never `.` or `..`: the names come from a folder's listing.
            let parts = name.split(separator: slash, maxSplits: 1, omittingEmptySubsequences: false)
            let (folder, file) = (Array(parts[0]), Array(parts[1]))
            guard !folder.isEmpty, folder != Array(".".utf8), folder != Array("..".utf8), !file.contains(slash),
                file != Array(".".utf8), file != Array("..".utf8)
            else { continue }
            subfolders[folder, default: []] += file.isEmpty ? [] : [file]
        }
        for (subfolder, files) in subfolders.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) {
            guard let inner = openSubfolder(subfolder, in: fd) else { continue }
            for file in files where !file.contains(slash) && isRegularFile(file, inFolder: inner) {
                _ = RawPath(bytes: file).withCString { unlinkat(inner, $0, 0) }
            }
            close(inner)
            if names.contains(subfolder + [slash]) {
                _ = RawPath(bytes: subfolder).withCString { unlinkat(fd, $0, AT_REMOVEDIR) }
            }
        }
    }

    /// Whether two open files are on the same file system (a folder mounted inside another is not).
    static func sameDevice(_ first: Int32, _ second: Int32) -> Bool {
        var a = stat(), b = stat()
        return fstat(first, &a) == 0 && fstat(second, &b) == 0 && a.st_dev == b.st_dev
    }

    /// The folder `name` inside the open folder `fd`, opened without following a link; nil when
    /// it is not a folder.
    static func openSubfolder(_ name: [UInt8], in fd: Int32) -> Int32? {
        let inner = RawPath(bytes: name).withCString { openat(fd, $0, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        return inner >= 0 ? inner : nil
    }

    /// Flushes a folder's entries to disk (after files were created in it or renamed into it).
    static func syncFolder(_ path: RawPath) {
        guard let fd = openFolder(path) else { return }
        fsync(fd)
        close(fd)
    }

    /// The first `count` bytes of a regular file (fewer when it is shorter); nil when it is not a
    /// regular file or cannot be read, without following a link or waiting on a FIFO.
    static func readPrefix(of path: RawPath, count: Int) -> [UInt8]? {
        let fd = path.withCString { open($0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        return read >= 0 ? Array(bytes[0..<read]) : nil
    }

    /// A small regular file's bytes; nil when it is not a regular file (a FIFO would block, a link
    /// could point anywhere), cannot be read, or is larger than `limit`.
    static func readSmallFile(_ path: RawPath, limit: Int) -> [UInt8]? {
        let fd = path.withCString { open($0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) <= limit else {
            return nil
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        return count == bytes.count ? bytes : nil
    }

    static func removeFolder(_ path: RawPath) -> Bool { path.withCString { rmdir($0) } == 0 }

    static func rename(_ from: RawPath, to: RawPath) -> Bool {
        from.withCString { source in to.withCString { Glibc.rename(source, $0) } } == 0
    }

    /// The system's words for `errno`.
    static var lastError: String { String(cString: strerror(errno)) }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}

extension RawPath {
    /// The size of the regular file at this path (links followed); nil for anything else.
    package var regularFileSize: Int? {
        var status = stat()
        guard withCString({ stat($0, &status) }) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }
}
