#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A sequential reader of raw bytes: a file, standard input, or bytes already in memory.
package protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`, returning how many were read; 0 means the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveReadError) -> Int
}

extension ByteSource {
    /// Reads everything that is left, up to `limit` bytes.
    /// - Throws: `ArchiveReadError.readFailed` on a read error or when there is more than `limit`.
    package func readAll(limit: Int) throws(ArchiveReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(ArchiveReadError) in try read(into: buffer) }
            }.get()
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit { throw .readFailed(reason: "larger than \(limit) bytes") }
        }
    }
}

/// Reads a file descriptor with `read(2)`; closes it when done if it owns it.
package final class FileDescriptorSource: ByteSource {
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens `path` (its bytes, whatever their encoding) for reading.
    /// - Throws: `ArchiveReadError.cannotOpen` with the system's reason.
    package init(path: RawPath) throws(ArchiveReadError) {
        let fd = path.withCString { open($0, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { throw .cannotOpen(reason: String(cString: strerror(errno))) }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw .cannotOpen(reason: "is a directory")
        }
        descriptor = fd
        ownsDescriptor = true
    }

    /// Reads standard input without closing it.
    package init(standardInput: Void = ()) {
        descriptor = 0
        ownsDescriptor = false
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveReadError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .readFailed(reason: String(cString: strerror(errno)))
        }
    }
}

/// Serves bytes from memory in chunks of a chosen size, for tests and fixtures.
package final class MemorySource: ByteSource {
    private let bytes: [UInt8]
    private let chunkSize: Int
    private var offset = 0

    package init(_ bytes: [UInt8], chunkSize: Int = .max) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveReadError) -> Int {
        let count = min(buffer.count, chunkSize, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}
