import CZlib

/// Streaming gzip decompression across any number of members one after another.
///
/// Zero bytes between or after members are skipped (some writers pad), as gzip and Python do; any
/// other byte after a member must start a new member, else the stream is corrupt.
public protocol Inflater: AnyObject {
    /// Inflates from `input` into `output` until one is exhausted or no progress is possible.
    /// - Returns: how many input bytes were consumed and output bytes produced.
    /// - Throws: `ArchiveReadError.gzipCorrupt` when the data is not valid gzip.
    func inflate(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws(ArchiveReadError) -> (consumed: Int, produced: Int)

    /// Checks that the stream ended on a member boundary once the input is exhausted.
    /// - Throws: `ArchiveReadError.gzipCutShort` when the last member is incomplete.
    func finish() throws(ArchiveReadError)
}

/// The fastest inflater this build has: ISA-L where it was found at build time, else zlib.
public enum Inflaters {
    public static var fastestName: String {
        #if HSARCHIVE_ISAL
        return "ISA-L"
        #else
        return "zlib"
        #endif
    }

    /// Every inflater in this build, by name, so tests can hold them all to the same behaviour.
    public static var available: [(name: String, make: @Sendable () -> Inflater)] {
        var all: [(name: String, make: @Sendable () -> Inflater)] = [("zlib", { GzipInflater() })]
        #if HSARCHIVE_ISAL
        all.append(("ISA-L", { ISALInflater() }))
        #endif
        return all
    }

    public static func fastest() -> Inflater {
        #if HSARCHIVE_ISAL
        return ISALInflater()
        #else
        return GzipInflater()
        #endif
    }
}

/// `Inflater` on zlib, always available.
public final class GzipInflater: Inflater {
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
                do { try GzipMember.checkMagic(input, at: consumed) } catch {
                    state = .failed
                    throw error
                }
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

/// What starts a gzip member.
enum GzipMember {
    /// Checks that the bytes at `offset` can start a member (`1f 8b`), so that data after the last
    /// member is reported as corrupt rather than as a member cut short.
    static func checkMagic(_ input: UnsafeRawBufferPointer, at offset: Int) throws(ArchiveReadError) {
        guard input[offset] == 0x1F, offset + 1 >= input.count || input[offset + 1] == 0x8B else {
            throw .gzipCorrupt(detail: "data after the last gzip member is not gzip")
        }
    }
}
