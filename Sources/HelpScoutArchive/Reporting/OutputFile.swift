#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer to a file descriptor: report files, standard output.
public final class OutputFile {
    /// Why writing stopped.
    public enum WriteError: Error, Equatable {
        /// The reader of a pipe went away (`… | head`).
        case brokenPipe
        case failed(path: String, reason: String)
    }

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    public let path: String
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    /// Creates (or truncates) `path` with permissions 0644.
    public init(creating path: String) throws(WriteError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .failed(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
        ownsDescriptor = true
        self.path = path
        buffer.reserveCapacity(capacity)
    }

    /// Writes to standard output (or error) without closing it.
    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        ownsDescriptor = false
        path = name
        buffer.reserveCapacity(capacity)
    }

    deinit {
        try? flush()
        if ownsDescriptor { close(descriptor) }
    }

    public func write(_ text: String) throws(WriteError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    public func flush() throws(WriteError) {
        var offset = 0
        defer { buffer.removeAll(keepingCapacity: true) }
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw .brokenPipe }
                throw .failed(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }
}
