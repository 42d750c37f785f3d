#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered writer to a file descriptor: report files, standard output.
package final class OutputFile {
    /// Why writing stopped.
    package enum WriteError: Error, Equatable {
        /// The reader of a pipe went away (`… | head`).
        case brokenPipe
        /// Any other failure: the file as people know it, and the system's reason.
        case failed(name: String, reason: String)

        /// The system's reason alone.
        package var reason: String {
            switch self {
            case .brokenPipe: return "the reader of the pipe went away"
            case .failed(_, let reason): return reason
            }
        }

        /// A sentence for a message: what could not be written, and why.
        package var message: String {
            switch self {
            case .brokenPipe: return "the reader of the output went away"
            case .failed(let name, let reason): return "cannot write \(name): \(reason)"
            }
        }
    }

    private var descriptor: Int32
    private let ownsDescriptor: Bool
    /// The file as people know it, for messages.
    package let name: String
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    /// Creates a new file at `path` with permissions 0644; it must not exist yet, and a symbolic link
    /// there is not followed.
    /// - Parameter name: the file as people know it, for messages.
    package init(creating path: RawPath, name: String) throws(WriteError) {
        let fd = path.withCString { open($0, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644) }
        guard fd >= 0 else { throw .failed(name: name, reason: String(cString: strerror(errno))) }
        descriptor = fd
        ownsDescriptor = true
        self.name = name
        buffer.reserveCapacity(capacity)
    }

    /// Writes to standard output (or error) without closing it.
    package init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        ownsDescriptor = false
        self.name = name
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if ownsDescriptor && descriptor >= 0 { Glibc.close(descriptor) }
    }

    package func write(_ text: String) throws(WriteError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    package func write(bytes: [UInt8]) throws(WriteError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    package func flush() throws(WriteError) {
        var offset = 0
        defer { buffer.removeAll(keepingCapacity: true) }
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes {
                Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw .brokenPipe }
                throw .failed(name: name, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Writes what is buffered and closes the file, reporting an error of either (a full disk may
    /// only show when the file is closed). A file this created is first written to disk (`fsync`),
    /// so a report swapped into place after a power loss is whole.
    package func close() throws(WriteError) {
        try flush()
        guard ownsDescriptor && descriptor >= 0 else { return }
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw .failed(name: name, reason: String(cString: strerror(errno)))
        }
        let result = Glibc.close(descriptor)
        descriptor = -1
        if result != 0 && errno != EINTR { throw .failed(name: name, reason: String(cString: strerror(errno))) }
    }
}
