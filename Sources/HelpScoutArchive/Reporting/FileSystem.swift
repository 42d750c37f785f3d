#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system calls the report folder needs, on paths as bytes.
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
        return RawPath(bytes: Array(UnsafeBufferPointer(start: resolved, count: strlen(resolved)).map { UInt8(bitPattern: $0) }))
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
        guard let handle = folder.withCString({ opendir($0) }) else { return nil }
        defer { closedir(handle) }
        var names: [[UInt8]] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name != Array(".".utf8) && name != Array("..".utf8) { names.append(name) }
        }
        return names
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

    static func removeFolder(_ path: RawPath) -> Bool { path.withCString { rmdir($0) } == 0 }

    static func rename(_ from: RawPath, to: RawPath) -> Bool {
        from.withCString { source in to.withCString { Glibc.rename(source, $0) } } == 0
    }

    /// The system's words for `errno`.
    static var lastError: String { String(cString: strerror(errno)) }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}
