import CZlib

/// Streaming gzip decompression with zlib, across any number of members one after another.
///
/// Zero bytes between or after members are skipped (some writers pad), as gzip and Python do; any
/// other byte after a member must start a new member, else the stream is corrupt.
public final class GzipInflater {
    private enum State { case inMember, betweenMembers, failed }

    private let stream: UnsafeMutablePointer<z_stream>
    private var state = State.inMember

    /// Starts a decoder positioned at the first member's header.
    public init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = hs_inflate_init_gzip(stream)
        precondition(status == Z_OK, "zlib inflateInit2 failed: \(status)")
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Inflates from `input` into `output` until one of them is exhausted.
    /// - Returns: how many input bytes were consumed and output bytes produced.
    /// - Throws: `ArchiveReadError.gzipCorrupt` when zlib rejects the data.
    public func inflate(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer
    ) throws(ArchiveReadError) -> (consumed: Int, produced: Int) {
        guard state != .failed else { throw .gzipCorrupt(detail: "stream already failed") }
        var consumed = 0
        var produced = 0
        // Loop until no progress: zlib may hold output back after taking all of the input.
        while produced < output.count {
            if state == .betweenMembers {
                while consumed < input.count && input[consumed] == 0 { consumed += 1 }
                guard consumed < input.count else { break }
                inflateReset(stream)
                state = .inMember
            }
            let availableIn = input.count - consumed
            let availableOut = min(output.count - produced, Int(UInt32.max))
            stream.pointee.next_in = availableIn == 0 ? nil : UnsafeMutablePointer(
                mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self) + consumed)
            stream.pointee.avail_in = uInt(min(availableIn, Int(UInt32.max)))
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
            stream.pointee.avail_out = uInt(availableOut)
            let offeredIn = Int(stream.pointee.avail_in)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let took = offeredIn - Int(stream.pointee.avail_in)
            let gave = availableOut - Int(stream.pointee.avail_out)
            consumed += took
            produced += gave
            switch status {
            case Z_STREAM_END:
                state = .betweenMembers
            case Z_OK, Z_BUF_ERROR:
                if took == 0 && gave == 0 { return (consumed, produced) }
            default:
                state = .failed
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw .gzipCorrupt(detail: detail)
            }
        }
        return (consumed, produced)
    }

    /// Checks that the stream ended on a member boundary once the input is exhausted.
    /// - Throws: `ArchiveReadError.gzipCutShort` when the last member is incomplete.
    public func finish() throws(ArchiveReadError) {
        if state == .inMember { throw .gzipCutShort }
    }
}
