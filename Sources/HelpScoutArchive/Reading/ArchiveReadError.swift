/// Why an input stopped before its end; the lines read before it still count.
public enum ArchiveReadError: Error, Sendable, Equatable {
    case cannotOpen(reason: String)
    /// A path that is not a file to open: a folder with no archive in it, a link loop, a device.
    case notReadable(reason: String)
    case readFailed(reason: String)
    /// The gzip stream ended in the middle of a member.
    case gzipCutShort
    /// zlib rejected the stream (bad header, bad data, bad checksum or bytes after the last member).
    case gzipCorrupt(detail: String)

    /// A sentence for the diagnostic, without the file name or line.
    public var message: String {
        switch self {
        case .cannotOpen(let reason): return "cannot open: \(reason)"
        case .notReadable(let reason): return reason
        case .readFailed(let reason): return "read failed: \(reason)"
        case .gzipCutShort: return "gzip stream is cut short (the file ends inside a gzip member)"
        case .gzipCorrupt(let detail): return "gzip stream is corrupt (\(detail))"
        }
    }
}
