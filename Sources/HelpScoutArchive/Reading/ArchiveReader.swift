#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one input, plain or gzip (detected by its magic bytes), as batches of whole lines.
///
/// Memory stays at about `batchSize` plus one line; a line longer than `maxLineLength` is skipped
/// without being held and reported through `LineBatch.oversizedLineLength`. A batch holds at most
/// `maxLinesPerBatch` lines, so that what is kept per line once it is processed (a verdict, about
/// 200 bytes) stays bounded per batch however short the lines are. When the input breaks off (a
/// gzip stream cut short or corrupt, a read error) the complete lines before the damage are
/// returned first, then the next call throws; a partial line at the damage is dropped.
package final class ArchiveReader {
    package static let defaultBatchSize = 1 << 20
    package static let defaultMaxLineLength = 16 << 20
    /// Real deliveries (1-10 KB) fill a 1 MiB batch with a few hundred lines; only lines shorter
    /// than 128 bytes reach this limit first.
    package static let defaultMaxLinesPerBatch = 8192
    /// Bytes decoded at a time, so a batch cut at the line limit moves at most this much to the next.
    static let decodeChunk = 128 << 10

    private let source: ByteSource
    private let batchSize: Int
    private let maxLineLength: Int
    private let maxLinesPerBatch: Int
    private let pool: BufferPool

    private var pending: ByteStorage
    private var filled = 0
    /// How much of `pending` was searched for line ends, and how many it held.
    private var scanned = 0
    private var linesScanned = 0
    private var oversizedSoFar: Int?
    private var pendingError: ArchiveReadError?
    private var finished = false

    private var decoder: Decoder?
    private var input: UnsafeMutableRawBufferPointer
    private var inputStart = 0
    private var inputEnd = 0
    private var sourceExhausted = false

    private enum Decoder {
        case plain
        case gzip(Inflater)
    }

    /// The longest line a reader with these settings reads: never less than a batch.
    package static func lineLimit(maxLineLength: Int, batchSize: Int) -> Int {
        max(maxLineLength, batchSize, 16)
    }
    private let makeInflater: () -> Inflater

    /// - Parameters:
    ///   - makeInflater: the gzip decoder to use if the input is gzip; the fastest by default.
    ///   - pool: where batch buffers come from; processed batches may be recycled into it.
    package init(
        source: ByteSource, batchSize: Int = defaultBatchSize, maxLineLength: Int = defaultMaxLineLength,
        maxLinesPerBatch: Int = defaultMaxLinesPerBatch,
        makeInflater: @escaping () -> Inflater = Inflaters.fastest, pool: BufferPool? = nil
    ) {
        self.source = source
        self.makeInflater = makeInflater
        self.batchSize = max(batchSize, 16)
        self.maxLineLength = Self.lineLimit(maxLineLength: maxLineLength, batchSize: batchSize)
        self.maxLinesPerBatch = max(maxLinesPerBatch, 1)
        self.pool = pool ?? BufferPool(bufferSize: self.batchSize, capacity: 0)
        pending = self.pool.take(atLeast: self.batchSize)
        input = .allocate(byteCount: 256 << 10, alignment: 16)
    }

    deinit { input.deallocate() }

    /// Whether the input turned out to be gzip; `nil` before the first read.
    package var isCompressed: Bool? {
        switch decoder {
        case nil: return nil
        case .plain: return false
        case .gzip: return true
        }
    }

    /// The next batch of whole lines, or `nil` at the end of the input.
    /// - Throws: the error that stopped the input, after the lines before it were returned.
    package func nextBatch() throws(ArchiveReadError) -> LineBatch? {
        if let error = pendingError {
            pendingError = nil
            finished = true
            throw error
        }
        while !finished {
            if oversizedSoFar == nil, let end = endOfLineLimit() { return cut(at: end) }
            if oversizedSoFar == nil && filled == pending.capacity {
                if let batch = cutAtLastNewline() { return batch }
                if pending.capacity < maxLineLength {
                    grow(to: min(pending.capacity * 2, maxLineLength))
                } else {
                    oversizedSoFar = filled
                    filled = 0
                    scanned = 0
                    linesScanned = 0
                }
                continue
            }
            let produced: Int
            do {
                produced = try produce(
                    into: UnsafeMutableRawBufferPointer(
                        start: pending.base + filled, count: min(pending.capacity - filled, Self.decodeChunk)))
            } catch {
                oversizedSoFar = nil
                if let batch = cutAtLastNewline() {
                    filled = 0
                    pendingError = error
                    return batch
                }
                finished = true
                throw error
            }
            if produced == 0 {
                finished = true
                return finalBatch()
            }
            if let soFar = oversizedSoFar {
                if let batch = endOversizedLine(soFar: soFar, produced: produced) { return batch }
            } else {
                filled += produced
            }
        }
        return nil
    }

    private func finalBatch() -> LineBatch? {
        if let length = oversizedSoFar {
            oversizedSoFar = nil
            return LineBatch(storage: pending, byteCount: 0, oversizedLineLength: length)
        }
        guard filled > 0 else { return nil }
        defer {
            filled = 0
            scanned = 0
            linesScanned = 0
        }
        return LineBatch(storage: pending, byteCount: filled)
    }

    /// Where the batch of the first `maxLinesPerBatch` lines of `pending` ends, once it holds that many.
    private func endOfLineLimit() -> Int? {
        let base = pending.base
        while scanned < filled {
            guard let newline = memchr(base + scanned, 0x0A, filled - scanned) else {
                scanned = filled
                return nil
            }
            scanned = base.distance(to: newline) + 1
            linesScanned += 1
            if linesScanned == maxLinesPerBatch { return scanned }
        }
        return nil
    }

    /// Looks for the newline that ends an over-long line among `produced` fresh bytes at the start of
    /// `pending`; keeps what follows it.
    private func endOversizedLine(soFar: Int, produced: Int) -> LineBatch? {
        guard let newline = memchr(pending.base, 0x0A, produced) else {
            oversizedSoFar = soFar + produced
            return nil
        }
        let end = pending.base.distance(to: newline)
        oversizedSoFar = nil
        let length = soFar + end
        let rest = pool.take(atLeast: max(batchSize, produced - end - 1))
        rest.base.copyMemory(from: pending.base + end + 1, byteCount: produced - end - 1)
        let marker = LineBatch(storage: pending, byteCount: 0, oversizedLineLength: length)
        pending = rest
        filled = produced - end - 1
        scanned = 0
        linesScanned = 0
        return marker
    }

    private func cutAtLastNewline() -> LineBatch? {
        // Scanning back is quick: a batch's last newline is at most one line from its end.
        var end = filled
        while end > 0 && pending.base.load(fromByteOffset: end - 1, as: UInt8.self) != 0x0A { end -= 1 }
        guard end > 0 else { return nil }
        return cut(at: end)
    }

    /// The lines before `end` (just after a newline) as a batch; the bytes after it move to a new buffer.
    private func cut(at end: Int) -> LineBatch {
        let rest = pool.take(atLeast: max(batchSize, filled - end))
        rest.base.copyMemory(from: pending.base + end, byteCount: filled - end)
        let batch = LineBatch(storage: pending, byteCount: end)
        pending = rest
        filled -= end
        // What was searched past `end` holds no newline: `end` is the limit's newline or the last one.
        scanned = max(0, scanned - end)
        linesScanned = 0
        return batch
    }

    private func grow(to capacity: Int) {
        let larger = ByteStorage(capacity: capacity)
        larger.base.copyMemory(from: pending.base, byteCount: filled)
        pending = larger
    }

    /// Fills `output` with decoded bytes; 0 means the input ended cleanly.
    private func produce(into output: UnsafeMutableRawBufferPointer) throws(ArchiveReadError) -> Int {
        if decoder == nil { try sniff() }
        switch decoder! {
        case .plain:
            if inputStart < inputEnd {
                let count = min(output.count, inputEnd - inputStart)
                output.baseAddress!.copyMemory(from: input.baseAddress! + inputStart, byteCount: count)
                inputStart += count
                return count
            }
            return try source.read(into: output)
        case .gzip(let inflater):
            while true {
                if inputStart == inputEnd && !sourceExhausted { try refill() }
                let (consumed, produced) = try inflater.inflate(
                    input: UnsafeRawBufferPointer(rebasing: input[inputStart..<inputEnd]), output: output)
                inputStart += consumed
                if produced > 0 { return produced }
                if inputStart == inputEnd && sourceExhausted {
                    try inflater.finish()
                    return 0
                }
            }
        }
    }

    private func refill() throws(ArchiveReadError) {
        let count = try source.read(into: input)
        inputStart = 0
        inputEnd = count
        if count == 0 { sourceExhausted = true }
    }

    private func sniff() throws(ArchiveReadError) {
        while inputEnd < 2 {
            let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: input[inputEnd...]))
            if count == 0 {
                sourceExhausted = true
                break
            }
            inputEnd += count
        }
        let isGzip = inputEnd >= 2 && input[0] == 0x1F && input[1] == 0x8B
        decoder = isGzip ? .gzip(makeInflater()) : .plain
    }
}
