/// A flat, reusable parse of one JSON text: every value as a token in document order.
///
/// Parsing validates the whole text (grammar, UTF-8, escapes, depth) in one pass without building
/// any `String`; values are read afterwards straight from the source bytes. The source must stay
/// alive and unchanged while the tape is read. Parsing is iterative, so hostile nesting costs no
/// stack, and it stops at the first level past `maxDepth`. Tokens live in a buffer the tape owns
/// and reuses, so a parse allocates nothing once the buffer has grown to fit.
public final class JSONTape {
    public static let maxDepth = 64

    private var storage: UnsafeMutablePointer<JSONToken>
    private var capacity = 256
    private var count = 0
    private let open = UnsafeMutablePointer<UInt32>.allocate(capacity: JSONTape.maxDepth)

    /// The last parse, to read; valid until the next parse.
    public private(set) var document = JSONDocument.empty
    /// The token of the last string value of the top-level key named when parsing, whose value
    /// was written to the capture buffer.
    public private(set) var capturedToken: Int?

    public init() {
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
        open.deallocate()
    }

    /// Parses `bytes`, replacing what the tape held.
    /// - Parameters:
    ///   - key: a top-level key whose string value is also written, decoded, to `buffer` in the same
    ///     pass (the last one when the key repeats); see `capturedToken`.
    /// - Returns: `nil` when `bytes` is one valid JSON value with optional surrounding white space.
    @discardableResult
    public func parse(_ bytes: UnsafeRawBufferPointer, capturing key: StaticString? = nil,
                      into buffer: ByteBuffer? = nil) -> JSONSyntaxError? {
        var parser = JSONTapeParser(tokens: storage, capacity: capacity, open: open, captureKey: key, capture: buffer)
        let error = parser.run(bytes)
        storage = parser.tokens
        capacity = parser.capacity
        count = parser.count
        capturedToken = parser.capturedToken
        document = JSONDocument(tokens: UnsafeBufferPointer(start: storage, count: count), source: bytes)
        return error
    }
}
