/// `Inflater` over a member decoder: the members in turn, zero padding skipped, and an error held
/// back until the bytes inflated before it have been handed out, so the lines of intact members
/// before a corrupt one still count.
final class GzipStream<Decoder: GzipMemberDecoder>: Inflater {
    private enum Position { case inMember, betweenMembers }

    private let decoder: Decoder
    private var position = Position.inMember
    /// The error that stopped the stream; thrown once no inflated bytes are left to return.
    private var error: ArchiveReadError?

    init(_ decoder: Decoder) { self.decoder = decoder }

    func inflate(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer
    ) throws(ArchiveReadError) -> (consumed: Int, produced: Int) {
        if let error { throw error }
        var consumed = 0
        var produced = 0
        // Loop until no progress: a decoder may hold output back after taking all of the input.
        while produced < output.count {
            if position == .betweenMembers {
                while consumed < input.count && input[consumed] == 0 { consumed += 1 }
                guard consumed < input.count else { break }
                // A lone 1f at the end of the input may be the start of a member: the next call sees the rest.
                guard input[consumed] == 0x1F, consumed + 1 >= input.count || input[consumed + 1] == 0x8B else {
                    error = .gzipCorrupt(detail: "data after the last gzip member is not gzip")
                    break
                }
                decoder.reset()
                position = .inMember
            }
            let step: (consumed: Int, produced: Int, memberEnded: Bool)
            do {
                step = try decoder.inflate(
                    input: UnsafeRawBufferPointer(rebasing: input[consumed...]),
                    output: UnsafeMutableRawBufferPointer(rebasing: output[produced...]))
            } catch {
                self.error = error
                break
            }
            consumed += step.consumed
            produced += step.produced
            if step.memberEnded {
                position = .betweenMembers
            } else if step.consumed == 0 && step.produced == 0 {
                break
            }
        }
        if produced == 0, let error { throw error }
        return (consumed, produced)
    }

    func finish() throws(ArchiveReadError) {
        if let error { throw error }
        if position == .inMember { throw .gzipCutShort }
    }
}
