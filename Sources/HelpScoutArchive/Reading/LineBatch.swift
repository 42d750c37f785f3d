#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A run of whole lines from one input: the unit of work handed to a worker.
///
/// Line numbers are relative to the batch; the pipeline, which sees batches in order, turns them
/// into the input's 1-based line numbers.
package struct LineBatch: Sendable {
    package let storage: ByteStorage
    /// How many bytes of `storage` hold lines; the last line may lack its newline.
    package let byteCount: Int
    /// The length of a line longer than the reader's limit that follows this batch's lines; its
    /// bytes were skipped, not kept.
    package let oversizedLineLength: Int?

    package init(storage: ByteStorage, byteCount: Int, oversizedLineLength: Int? = nil) {
        self.storage = storage
        self.byteCount = byteCount
        self.oversizedLineLength = oversizedLineLength
    }

    /// Calls `body` with each line's 0-based index in the batch and its bytes without `\n` or `\r\n`.
    /// - Returns: the number of lines, the oversized one included.
    @discardableResult
    package func forEachLine(_ body: (Int, UnsafeRawBufferPointer) throws -> Void) rethrows -> Int {
        var index = 0
        var start = 0
        let base = storage.base
        while start < byteCount {
            let remaining = byteCount - start
            let found = memchr(base + start, 0x0A, remaining)
            let end = found.map { base.distance(to: $0) } ?? byteCount
            var lineEnd = end
            if lineEnd > start && base.load(fromByteOffset: lineEnd - 1, as: UInt8.self) == 0x0D {
                lineEnd -= 1
            }
            try body(index, UnsafeRawBufferPointer(start: base + start, count: lineEnd - start))
            index += 1
            start = end + 1
        }
        return oversizedLineLength == nil ? index : index + 1
    }

    /// Whether a line holds nothing but spaces, tabs and carriage returns (and so is not counted).
    package static func isBlank(_ line: UnsafeRawBufferPointer) -> Bool {
        for byte in line where byte != 0x20 && byte != 0x09 && byte != 0x0D { return false }
        return true
    }
}
