#if HSARCHIVE_ISAL
    import CISAL

    /// One gzip member at a time on Intel's ISA-L (igzip), used when the build found it: CRC and length
    /// checked as zlib does, about 2.6 times faster.
    final class ISALMemberDecoder: GzipMemberDecoder {
        private let state: UnsafeMutablePointer<inflate_state>

        init() {
            state = .allocate(capacity: 1)
            reset()
        }

        deinit { state.deallocate() }

        func reset() {
            isal_inflate_init(state)
            state.pointee.crc_flag = UInt32(ISAL_GZIP)
        }

        func inflate(
            input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer
        ) throws(ArchiveReadError) -> (consumed: Int, produced: Int, memberEnded: Bool) {
            let availableIn = min(input.count, Int(UInt32.max))
            let availableOut = min(output.count, Int(UInt32.max))
            state.pointee.next_in =
                availableIn == 0
                ? nil
                : UnsafeMutablePointer(
                    mutating: input.baseAddress!.assumingMemoryBound(to: UInt8.self))
            state.pointee.avail_in = UInt32(availableIn)
            state.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
            state.pointee.avail_out = UInt32(availableOut)
            let status = isal_inflate(state)
            guard status >= 0 else { throw .gzipCorrupt(detail: Self.describe(status)) }
            return (
                availableIn - Int(state.pointee.avail_in), availableOut - Int(state.pointee.avail_out),
                state.pointee.block_state == ISAL_BLOCK_FINISH
            )
        }

        private static func describe(_ status: Int32) -> String {
            switch status {
            case ISAL_INVALID_BLOCK: return "invalid deflate block"
            case ISAL_INVALID_SYMBOL: return "invalid deflate symbol"
            case ISAL_INVALID_LOOKBACK: return "invalid distance too far back"
            case ISAL_INVALID_WRAPPER: return "incorrect gzip header"
            case ISAL_UNSUPPORTED_METHOD: return "unsupported compression method"
            case ISAL_INCORRECT_CHECKSUM: return "incorrect data check"
            default: return "ISA-L status \(status)"
            }
        }
    }
#endif
