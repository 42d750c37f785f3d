import CJSONKernels

/// A flat, reusable parse of one JSON text: every value as a token in document order.
///
/// Parsing validates the whole text (grammar, UTF-8, escapes, depth) in one pass without building
/// any `String`; values are read afterwards straight from the source bytes. The source must stay
/// alive and unchanged while the tape is read. Parsing is iterative, so hostile nesting costs no
/// stack, and it stops at the first level past `maxDepth`. Tokens live in a buffer the tape owns
/// and reuses, so a parse allocates nothing once the buffer has grown to fit.
package final class JSONTape {
    package static let maxDepth = 64
    /// Longer texts are scanned byte by byte: the index takes four bytes per byte, and a hostile
    /// 16 MiB line should not leave a 64 MB index behind.
    static let maxIndexedLength = 1 << 20

    private var storage: UnsafeMutablePointer<JSONToken>
    private var capacity = 256
    private var count = 0
    private let open = UnsafeMutablePointer<UInt32>.allocate(capacity: JSONTape.maxDepth)
    /// The structural index of the text being parsed, when the AVX-512 kernel builds one.
    private var offsets = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
    private var offsetCapacity = 0

    /// The last parse, to read; valid until the next parse.
    package private(set) var document = JSONDocument.empty
    /// The token of the last string value of the top-level key named when parsing, whose value
    /// was written to the capture buffer.
    package private(set) var capturedToken: Int?

    package init() {
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
        open.deallocate()
        offsets.deallocate()
    }

    /// Parses `bytes`, replacing what the tape held.
    /// - Parameters:
    ///   - key: a top-level key whose string value is also written, decoded, to `buffer` in the same
    ///     pass (the last one when the key repeats); see `capturedToken`.
    /// - Returns: `nil` when `bytes` is one valid JSON value with optional surrounding white space.
    @discardableResult
    package func parse(
        _ bytes: UnsafeRawBufferPointer, capturing key: StaticString? = nil,
        into buffer: ByteBuffer? = nil
    ) -> JSONSyntaxError? {
        parse(bytes, capturing: key, into: buffer, kernels: .configured)
    }

    /// Parses `bytes` keeping only the tokens nested at most `maxTokenDepth` deep (0: the root
    /// value alone; 1: also the members or elements of a root container), though all of it is
    /// validated: for readers that need only the top of a document.
    @discardableResult
    package func parse(_ bytes: UnsafeRawBufferPointer, keepingTokensTo maxTokenDepth: Int) -> JSONSyntaxError? {
        parse(bytes, kernels: .configured, maxTokenDepth: maxTokenDepth)
    }

    /// `parse(_:capturing:into:)` with the kernels chosen, not configured: tests and the fuzz target
    /// compare both ways.
    package func parse(
        _ bytes: UnsafeRawBufferPointer, capturing key: StaticString? = nil,
        into buffer: ByteBuffer? = nil, kernels: KernelChoice,
        maxTokenDepth: Int = .max
    ) -> JSONSyntaxError? {
        // With the kernels the structure is indexed first; a text the index rejects, or a capture (whose
        // one long string the index would only walk past), is scanned byte by byte.
        // (An empty buffer may have no address; the parser reports it as empty before reading.)
        let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        if key == nil && kernels.runsKernels && !bytes.isEmpty && bytes.count <= Self.maxIndexedLength
            && parseIndexed(bytes, start, maxTokenDepth)
        {
            return nil
        }
        var parser = JSONTapeParser(
            tokens: storage, capacity: capacity, open: open, captureKey: key, capture: buffer,
            kernels: kernels, maxTokenDepth: maxTokenDepth)
        var cursor = ScanningCursor(start: start, end: start + bytes.count)
        let error = parser.run(bytes, &cursor)
        keep(parser, bytes)
        return error
    }

    /// Parses `bytes` from the kernel's structural index with `hs_json_parse_indexed`, the Swift
    /// parse loop written again in C (body parse 1.8 → 2.35 GB/s on the benchmark's bodies, about 5%
    /// of `report`); false when it is not valid, which the byte scanner then explains.
    private func parseIndexed(_ bytes: UnsafeRawBufferPointer, _ start: UnsafePointer<UInt8>, _ maxTokenDepth: Int)
        -> Bool
    {
        if offsetCapacity < bytes.count + 66 {
            offsets.deallocate()
            offsetCapacity = max(bytes.count + 66, min(offsetCapacity * 2, Self.maxIndexedLength + 66))
            offsets = .allocate(capacity: offsetCapacity)
        }
        guard hs_json_index(start, bytes.count, offsets) >= 0 else { return false }
        while true {
            let written = storage.withMemoryRebound(to: hs_json_token.self, capacity: capacity) {
                hs_json_parse_indexed(start, bytes.count, offsets, $0, capacity, open, maxTokenDepth)
            }
            if written == -2 {
                storage.deallocate()
                capacity *= 2
                storage = .allocate(capacity: capacity)
                continue
            }
            guard written >= 0 else { return false }
            count = written
            capturedToken = nil
            document = JSONDocument(tokens: UnsafeBufferPointer(start: storage, count: count), source: bytes)
            return true
        }
    }

    private func keep(_ parser: JSONTapeParser, _ bytes: UnsafeRawBufferPointer) {
        storage = parser.tokens
        capacity = parser.capacity
        count = parser.count
        capturedToken = parser.capturedToken
        document = JSONDocument(tokens: UnsafeBufferPointer(start: storage, count: count), source: bytes)
    }
}
