import CZlib

/// One gzip member at a time on the system's zlib, always available.
final class ZlibMemberDecoder: GzipMemberDecoder {
    private let stream: UnsafeMutablePointer<z_stream>

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = hs_inflate_init_gzip(stream)
        precondition(status == Z_OK, "zlib inflateInit2 failed: \(status)")
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    func reset() { inflateReset(stream) }

    func inflate(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer
    ) throws(ArchiveReadError) -> (consumed: Int, produced: Int, memberEnded: Bool) {
        let availableIn = min(input.count, Int(UInt32.max))
        let availableOut = min(output.count, Int(UInt32.max))
        stream.pointee.next_in =
            availableIn == 0
            ? nil
            : UnsafeMutablePointer(
                mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(availableIn)
        stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(availableOut)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let consumed = availableIn - Int(stream.pointee.avail_in)
        let produced = availableOut - Int(stream.pointee.avail_out)
        switch status {
        case Z_STREAM_END:
            return (consumed, produced, true)
        case Z_OK, Z_BUF_ERROR:
            return (consumed, produced, false)
        default:
            let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
            throw .gzipCorrupt(detail: detail)
        }
    }
}
