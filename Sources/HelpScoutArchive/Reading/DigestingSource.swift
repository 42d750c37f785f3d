import Crypto

/// Passes another source's bytes on while hashing and counting them, on the thread that reads them
/// (the reader's, never the merging one). SHA-256 runs at about 2 GB/s with the CPU's SHA
/// extensions, on bytes that are mostly still compressed: see README's Performance section.
package final class DigestingSource: ByteSource {
    private let source: ByteSource
    private var hasher = SHA256()
    private var bytes = 0
    /// Called with the count of each read, for progress.
    private let onRead: ((Int) -> Void)?

    package init(_ source: ByteSource, onRead: ((Int) -> Void)? = nil) {
        self.source = source
        self.onRead = onRead
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveReadError) -> Int {
        let count = try source.read(into: buffer)
        if count > 0 {
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            bytes += count
            onRead?(count)
        }
        return count
    }

    /// The bytes read so far and their SHA-256.
    package var digest: InputDigest {
        InputDigest(bytes: bytes, sha256: hasher.finalize().lowercaseHex)
    }
}
