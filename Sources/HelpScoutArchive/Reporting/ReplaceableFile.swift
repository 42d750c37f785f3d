#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file hsarchive writes whole after each run and replaces on the next (`--summary-json`,
/// `--metrics-file`): written beside its place and renamed over it, so a reader (node_exporter's
/// textfile collector, a script) sees the old file or the new one, never half of one.
///
/// It replaces only what it wrote: an existing file must be a regular file that is empty or starts
/// with the marker hsarchive writes; anything else is refused before any input is read.
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

    /// Why the file may not be written, or nil when it may.
    package func refusal() -> String? {
        let name = path.displayName
        var status = stat()
        guard path.withCString({ lstat($0, &status) }) == 0 else {
            if errno != ENOENT { return "cannot use \(name) as the \(kind): \(String(cString: strerror(errno)))" }
            var folder = stat()
            guard path.parent.withCString({ stat($0, &folder) }) == 0, (folder.st_mode & S_IFMT) == S_IFDIR else {
                return "cannot write the \(kind) \(name): its folder \(path.parent.displayName) does not exist"
            }
            return nil
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            return "\(name) exists and is not a regular file: it is not a \(kind) hsarchive wrote, so it is left alone"
        }
        guard status.st_size > 0 else { return nil }
        guard let head = try? FileDescriptorSource(path: path).readPrefix(256),
            String(decoding: head, as: UTF8.self).contains(marker)
        else {
            return
                "\(name) exists and is not a \(kind) hsarchive wrote: it is left alone; remove it or name another file"
        }
        return nil
    }

    /// Writes `text` to a new file beside the path, then renames it over the path.
    /// - Throws: the refusal, or why writing failed (the temporary file is then removed).
    package func write(_ text: String) throws(OutputFile.WriteError) {
        let name = path.displayName
        if let refusal = refusal() { throw .failed(name: name, reason: refusal) }
        let temporary = path.parent.appending(
            Array(".".utf8) + path.lastComponent + Array(".hsarchive-tmp-\(getpid())".utf8))
        let file = try OutputFile(creating: temporary, name: name)
        do {
            try file.write(text)
            try file.close()
        } catch {
            _ = temporary.withCString { unlink($0) }
            throw error
        }
        let renamed = temporary.withCString { from in path.withCString { to in rename(from, to) } }
        if renamed != 0 {
            let reason = String(cString: strerror(errno))
            _ = temporary.withCString { unlink($0) }
            throw .failed(name: name, reason: reason)
        }
    }
}
