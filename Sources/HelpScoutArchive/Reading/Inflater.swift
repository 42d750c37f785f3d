/// Streaming gzip decompression across any number of members one after another.
///
/// Zero bytes between or after members are skipped (some writers pad), as gzip and Python do; any
/// other byte after a member must start a new member, else the stream is corrupt.
package protocol Inflater: AnyObject {
    /// Inflates from `input` into `output` until one is exhausted or no progress is possible.
    /// - Returns: how many input bytes were consumed and output bytes produced.
    /// - Throws: `ArchiveReadError.gzipCorrupt` when the data is not valid gzip. Bytes inflated
    ///   before the damage are returned first; the call after them throws.
    func inflate(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws(ArchiveReadError) -> (
        consumed: Int, produced: Int
    )

    /// Checks that the stream ended on a member boundary once the input is exhausted.
    /// - Throws: `ArchiveReadError.gzipCutShort` when the last member is incomplete.
    func finish() throws(ArchiveReadError)
}
