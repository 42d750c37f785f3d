import Crypto

/// Passes another source's bytes on while counting and (when asked) hashing them, on the thread
/// that reads them (the reader's, never the merging one). SHA-256 with the CPU's SHA extensions
/// keeps up with 16 GB/s of uncompressed archive, since it hashes the gzip bytes: about 2% of a
/// run's CPU, which is why a run that writes no summary skips it (README, Performance).
package final class DigestingSource: ByteSource {
    private let source: ByteSource
    private var hasher: SHA256?
    private var bytes = 0
    /// Called with the count of each read, for progress.
    private let onRead: ((Int) -> Void)?

    package init(_ source: ByteSource, hashing: Bool = true, onRead: ((Int) -> Void)? = nil) {
        self.source = source
        hasher = hashing ? SHA256() : nil
        self.onRead = onRead
    }

    package func read(into buffer: UnsafeMutableRawBufferPointer) throws(ArchiveReadError) -> Int {
        let count = try source.read(into: buffer)
        if count > 0 {
            hasher?.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            bytes += count
            onRead?(count)
        }
        return count
    }

    /// The bytes read so far and, when hashing, their SHA-256.
    package var digest: InputDigest {
        InputDigest(bytes: bytes, sha256: hasher?.finalize().lowercaseHex)
    }
}
