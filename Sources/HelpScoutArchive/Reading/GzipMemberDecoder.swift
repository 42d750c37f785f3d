/// Decodes one gzip member at a time: what zlib and ISA-L each provide to `GzipStream`.
protocol GzipMemberDecoder: AnyObject {
    /// Gets ready for a new member's header.
    func reset()

    /// Inflates from `input` into `output` until one is exhausted or the member ends.
    /// - Returns: the bytes consumed and produced, and whether the member (its trailer checked) ended.
    /// - Throws: `ArchiveReadError.gzipCorrupt` when the data is not valid gzip.
    func inflate(
        input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer
    ) throws(ArchiveReadError) -> (consumed: Int, produced: Int, memberEnded: Bool)
}
