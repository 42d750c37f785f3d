#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file hsarchive writes whole after each run and replaces on the next (`--summary-json`,
/// `--metrics-file`): written beside its place and renamed over it, so a reader (node_exporter's
/// textfile collector, a script) sees the old file or the new one, never half of one.
///
/// It replaces only what it wrote: an existing file must be a regular file that starts with the
/// marker hsarchive writes; anything else (an empty file too: nothing says hsarchive wrote it) is
/// refused before any input is read.
package struct ReplaceableFile {
    package let path: RawPath
    /// Text that marks the file as hsarchive's; it must appear in its first 256 bytes.
    private let marker: String
    /// What the file is, for messages: "summary", "metrics file".
    private let kind: String

    package init(path: RawPath, marker: String, kind: String) {
        self.path = path
        self.marker = marker
        self.kind = kind
    }

    /// The folder the file is in and its name there: two spellings of one place are equal.
    package struct Place: Equatable {
        let device: UInt64
        let folder: UInt64
        let name: [UInt8]
    }

    /// Where the file goes, when its folder exists.
    package var place: Place? {
        var folder = stat()
        guard path.parent.withCString({ stat($0, &folder) }) == 0 else { return nil }
        return Place(device: UInt64(folder.st_dev), folder: UInt64(folder.st_ino), name: path.lastComponent)
    }

    /// Whether the file goes straight into `folder` (however either is spelt).
    package func isDirectlyInside(_ folder: RawPath) -> Bool {
        var status = stat()
        guard let place, folder.withCString({ stat($0, &status) }) == 0 else { return false }
        return UInt64(status.st_dev) == place.device && UInt64(status.st_ino) == place.folder
    }

    /// Whether the file goes into a report folder (one holding `.hsarchive-manifest`), which holds
    /// report files only: the next report would refuse the folder.
    package var isInsideReportFolder: Bool {
        var status = stat()
        return path.parent.appending(Array(ReportFiles.manifest.utf8)).withCString { lstat($0, &status) } == 0
    }

    /// Why the file may not be written, or nil when it may.
    package func refusal() -> String? {
        let name = path.displayName
        if path.bytes.last == UInt8(ascii: "/") || path.lastComponent == Array(".".utf8)
            || path.lastComponent == Array("..".utf8)
        {
            return "\(name) names a folder: the \(kind) needs a file name"
        }
        var folder = stat()
        guard path.parent.withCString({ stat($0, &folder) }) == 0, (folder.st_mode & S_IFMT) == S_IFDIR else {
            return "cannot write the \(kind) \(name): its folder \(path.parent.displayName) does not exist"
        }
        guard path.parent.withCString({ access($0, W_OK) }) == 0 else {
            return "cannot write the \(kind) \(name): \(String(cString: strerror(errno)))"
        }
        var status = stat()
        guard path.withCString({ lstat($0, &status) }) == 0 else {
            if errno == ENOENT { return nil }
            return "cannot use \(name) as the \(kind): \(String(cString: strerror(errno)))"
        }
        let what: String
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            if status.st_size == 0 {
                what = "is an empty file"
            } else if let head = FileSystem.readPrefix(of: path, count: 256),
                String(decoding: head, as: UTF8.self).contains(marker)
            {
                return nil
            } else {
                what = "does not hold hsarchive's mark"
            }
        case S_IFLNK: what = "is a symbolic link (hsarchive replaces only a regular file it wrote)"
        case S_IFDIR: what = "is a folder"
        default: what = "is not a regular file"
        }
        return
            "\(name) \(what), so it is not a \(kind) hsarchive wrote: it is left alone; remove it or name another file"
    }

    /// Writes `text` to a new file beside the path (with the mode of the file it replaces), flushes
    /// it to disk, then renames it over the path.
    /// - Throws: the refusal, or why writing failed; the temporary file is then removed.
    package func write(_ text: String) throws(OutputFile.WriteError) {
        let pending = try start()
        do { try pending.file.write(text) } catch {
            pending.discard()
            throw error
        }
        try pending.commit()
    }

    /// Starts the new file beside the path, for a caller that writes it as it goes (a partial);
    /// `commit` renames it over the path, `discard` removes it.
    /// - Throws: the refusal, or why the file could not be created.
    package func start() throws(OutputFile.WriteError) -> Pending {
        let name = path.displayName
        if let refusal = refusal() { throw .failed(name: name, reason: refusal) }
        let suffix = String(UInt64(getpid()) << 32 | UInt64(UInt32.random(in: 0...UInt32.max)), radix: 16)
        let temporary = path.parent.appending(
            Array(".".utf8) + path.lastComponent + Array(".hsarchive-tmp-\(suffix)".utf8))
        // Errors name the file asked for; the temporary one is never left behind to be found.
        let file = try OutputFile(creating: temporary, name: name)
        var previous = stat()
        if path.withCString({ stat($0, &previous) }) == 0 {
            _ = temporary.withCString { chmod($0, previous.st_mode & 0o7777) }
        }
        return Pending(file: file, temporary: temporary, path: path)
    }

    /// A new file being written beside the one it will replace.
    package struct Pending: @unchecked Sendable {
        package let file: OutputFile
        let temporary: RawPath
        let path: RawPath

        /// Closes the file (flushed to disk) and renames it over the path.
        package func commit() throws(OutputFile.WriteError) {
            do { try file.close() } catch {
                discard()
                throw error
            }
            let renamed = temporary.withCString { from in path.withCString { to in rename(from, to) } }
            if renamed != 0 {
                let reason = String(cString: strerror(errno))
                discard()
                throw .failed(name: path.displayName, reason: reason)
            }
            FileSystem.syncFolder(path.parent)
        }

        /// Removes the new file: the path keeps what it held.
        package func discard() { _ = temporary.withCString { unlink($0) } }
    }
}
