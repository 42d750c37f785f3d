import CZlib
import Crypto

#if HSARCHIVE_ISAL
    import CISAL
#endif

/// The frame of a partial file (docs/partials.md): a header, blocks of records each compressed by
/// zlib, an end mark and the SHA-256 of every byte before it.
///
///     "HSARCHIVE-PARTIAL\n"   18 bytes, the magic (text, so `file` and `head` say what it is)
///     version                 u32, little-endian: `PartialFile.version`
///     block*                  u32 compressed length, u32 record bytes, zlib data
///     0, 0                    two u32 zeros: the end
///     SHA-256                 32 bytes, of everything above
///
/// Records never span blocks, so each block is decoded alone, and a reader holds one block at a time.
package enum PartialFile {
    /// What marks a file as a partial hsarchive may replace (`ReplaceableFile`).
    package static let marker = "HSARCHIVE-PARTIAL"
    package static let magic = Array("HSARCHIVE-PARTIAL\n".utf8)
    /// The format version this build writes and the only one it reads.
    package static let version: UInt32 = 1
    /// A block is written once its records pass this many bytes.
    static let blockTarget = 1 << 20
    /// The most record bytes a reader accepts in a block: a block is a little over `blockTarget`,
    /// or one record, and the largest record (a tag set of a 16 MiB line) is under this.
    static let blockLimit = 64 << 20
    /// zlib's level: 1 is several times faster than the default for a few percent more bytes.
    static let compressionLevel: Int32 = 1
}

/// Writes a partial's frame around the blocks of records it is given.
package final class PartialFileWriter {
    private let file: OutputFile
    private var hasher = SHA256()

    package init(file: OutputFile) throws(OutputFile.WriteError) {
        self.file = file
        var header = PartialFile.magic
        Self.append(PartialFile.version, to: &header)
        try put(header)
    }

    /// Compresses `records` into one block.
    func writeBlock(_ records: [UInt8]) throws(OutputFile.WriteError) {
        guard !records.isEmpty else { return }
        var compressed = [UInt8](repeating: 0, count: Int(compressBound(uLong(records.count))))
        var length = uLongf(compressed.count)
        let status = compressed.withUnsafeMutableBufferPointer { out in
            records.withUnsafeBufferPointer {
                compress2(out.baseAddress, &length, $0.baseAddress, uLong($0.count), PartialFile.compressionLevel)
            }
        }
        guard status == Z_OK else { throw .failed(name: file.name, reason: "zlib could not compress (\(status))") }
        var header: [UInt8] = []
        Self.append(UInt32(length), to: &header)
        Self.append(UInt32(records.count), to: &header)
        try put(header)
        try put(Array(compressed[0..<Int(length)]))
    }

    /// Writes the end mark and the checksum (the caller closes the file).
    func finish() throws(OutputFile.WriteError) {
        try put([0, 0, 0, 0, 0, 0, 0, 0])
        try file.write(bytes: Array(hasher.finalize()))
        try file.flush()
    }

    private func put(_ bytes: [UInt8]) throws(OutputFile.WriteError) {
        hasher.update(data: bytes)
        try file.write(bytes: bytes)
    }

    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

/// Reads a partial's blocks one at a time, checking the frame as it goes and the checksum at the end.
package final class PartialFileReader {
    private let source: ByteSource
    private var hasher = SHA256()
    private var ended = false

    /// Opens a partial and checks its header.
    /// - Throws: why it is not a partial this build reads, in words.
    package init(source: ByteSource) throws(PartialFileReader.Refusal) {
        self.source = source
        let notAPartial = Refusal("it is not an hsarchive partial (its first bytes are not HSARCHIVE-PARTIAL)")
        // A file shorter than the header is a partial cut short only if what it has is the magic's start.
        let header: [UInt8]
        do { header = try read(PartialFile.magic.count + 4, what: "the header") } catch {
            guard PartialFile.magic.starts(with: readSoFar) else { throw notAPartial }
            throw error
        }
        guard Array(header[0..<PartialFile.magic.count]) == PartialFile.magic else { throw notAPartial }
        let version = Self.uint32(header, at: PartialFile.magic.count)
        guard version == PartialFile.version else {
            // Versions count up from 1: a number far beyond is a damaged header, not a future format.
            guard version < 1000 else {
                throw Refusal(
                    "its header's format version reads \(version), which no hsarchive writes: the file is damaged")
            }
            throw Refusal(
                "it is in partial format version \(version), and this hsarchive reads version \(PartialFile.version) only: make it again with this hsarchive's `partial`"
            )
        }
    }

    /// Why a file is refused, in words.
    package struct Refusal: Error, Equatable {
        package var reason: String
        package init(_ reason: String) { self.reason = reason }
    }

    /// The next block's record bytes, or nil after the last block once the checksum has matched.
    package func nextBlock() throws(Refusal) -> [UInt8]? {
        guard !ended else { return nil }
        let header = try read(8, what: "a block's header")
        let compressedLength = Int(Self.uint32(header, at: 0))
        let recordLength = Int(Self.uint32(header, at: 4))
        if compressedLength == 0 && recordLength == 0 {
            try checkEnd()
            return nil
        }
        guard recordLength > 0, recordLength <= PartialFile.blockLimit,
            compressedLength <= Int(compressBound(uLong(PartialFile.blockLimit)))
        else {
            throw Refusal("a block's header gives impossible lengths: the file is damaged")
        }
        let compressed = try read(compressedLength, what: "a block")
        return try inflate(compressed, recordLength: recordLength)
    }

    #if HSARCHIVE_ISAL
        /// ISA-L's inflater, reused from block to block.
        private lazy var inflater: UnsafeMutablePointer<inflate_state> = .allocate(capacity: 1)

        deinit { inflater.deallocate() }

        /// A block's records, inflated by ISA-L (about 2.6 times as fast as zlib: the merge's reading
        /// thread, which also reads conversation records ahead, is then not the one the merge waits
        /// for), which checks the zlib stream's Adler-32 as zlib does.
        private func inflate(_ compressed: [UInt8], recordLength: Int) throws(Refusal) -> [UInt8] {
            let state = inflater
            isal_inflate_init(state)
            state.pointee.crc_flag = UInt32(ISAL_ZLIB)
            var status: Int32 = 0
            let records = [UInt8](unsafeUninitializedCapacity: recordLength) { out, initialized in
                compressed.withUnsafeBufferPointer { input in
                    state.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                    state.pointee.avail_in = UInt32(input.count)
                    state.pointee.next_out = out.baseAddress
                    state.pointee.avail_out = UInt32(recordLength)
                    status = isal_inflate_stateless(state)
                }
                initialized = recordLength - Int(state.pointee.avail_out)
            }
            // zlib also refuses a header whose window size is beyond 32 KiB, which ISA-L does not check.
            guard status == ISAL_DECOMP_OK, state.pointee.block_state == ISAL_BLOCK_FINISH,
                records.count == recordLength, (compressed.first ?? 0) >> 4 <= 7
            else {
                throw Refusal("a block does not decompress (ISA-L status \(status)): the file is damaged")
            }
            return records
        }
    #else
        /// A block's records, inflated by zlib, which checks the stream's Adler-32.
        private func inflate(_ compressed: [UInt8], recordLength: Int) throws(Refusal) -> [UInt8] {
            var records = [UInt8](repeating: 0, count: recordLength)
            var length = uLongf(recordLength)
            let status = records.withUnsafeMutableBufferPointer { out in
                compressed.withUnsafeBufferPointer {
                    uncompress(out.baseAddress, &length, $0.baseAddress, uLong($0.count))
                }
            }
            guard status == Z_OK, Int(length) == recordLength else {
                throw Refusal("a block does not decompress (zlib status \(status)): the file is damaged")
            }
            return records
        }
    #endif

    private func checkEnd() throws(Refusal) {
        let expected = Array(hasher.finalize())
        let stored = try read(32, hashing: false, what: "the checksum")
        guard stored == expected else {
            throw Refusal("its SHA-256 does not match its bytes: the file is damaged or was altered")
        }
        var extra = [UInt8](repeating: 0, count: 1)
        let more = try? extra.withUnsafeMutableBytes { buffer in
            Result { () throws(ArchiveReadError) in try source.read(into: buffer) }
        }.get()
        guard more == 0 else { throw Refusal("bytes follow its end: the file is damaged") }
        ended = true
    }

    /// The bytes the last `read` got before it failed.
    private var readSoFar: [UInt8] = []

    private func read(_ count: Int, hashing: Bool = true, what: String) throws(Refusal) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        defer { readSoFar = Array(bytes[0..<filled]) }
        while filled < count {
            let got: Int
            do {
                got = try bytes.withUnsafeMutableBytes { buffer in
                    Result { () throws(ArchiveReadError) in
                        try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                    }
                }.get()
            } catch {
                throw Refusal(error.message)
            }
            guard got > 0 else { throw Refusal("it ends inside \(what): the file is cut short") }
            filled += got
        }
        if hashing { hasher.update(data: bytes) }
        return bytes
    }

    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }
}
