/// A flat, reusable parse of one JSON text: every value as a token in document order.
///
/// Parsing validates the whole text (grammar, UTF-8, escapes, depth) in one pass without building
/// any `String`; values are read afterwards straight from the source bytes. The source must stay
/// alive and unchanged while the tape is read. Parsing is iterative, so hostile nesting costs no
/// stack, and it stops at the first level past `maxDepth`.
public struct JSONTape {
    public static let maxDepth = 64

    public private(set) var tokens: [JSONToken] = []
    public private(set) var source = UnsafeRawBufferPointer(start: nil, count: 0)
    /// The token of the last string value of the top-level key named when parsing, whose value
    /// was written to the capture buffer.
    public private(set) var capturedToken: Int?
    private var open: [UInt32] = []
    private var captureKey: StaticString?
    private var capture: ByteBuffer?

    public init() {
        tokens.reserveCapacity(256)
        open.reserveCapacity(Self.maxDepth)
    }

    private enum Expecting { case value, valueOrClose, key, keyOrClose, commaOrClose }

    /// Parses `bytes`, replacing what the tape held.
    /// - Parameters:
    ///   - key: a top-level key whose string value is also written, decoded, to `buffer` in the same
    ///     pass (the last one when the key repeats); see `capturedToken`.
    /// - Returns: `nil` when `bytes` is one valid JSON value with optional surrounding white space.
    public mutating func parse(_ bytes: UnsafeRawBufferPointer, capturing key: StaticString? = nil,
                               into buffer: ByteBuffer? = nil) -> JSONSyntaxError? {
        tokens.removeAll(keepingCapacity: true)
        open.removeAll(keepingCapacity: true)
        source = bytes
        capturedToken = nil
        captureKey = key
        capture = buffer
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
            return JSONSyntaxError(kind: .empty, offset: 0)
        }
        guard bytes.count < Int(UInt32.max) else {
            return JSONSyntaxError(kind: .invalid("text longer than 4 GiB"), offset: 0)
        }
        let end = start + bytes.count
        var p = start
        var expecting = Expecting.value
        func fail(_ kind: JSONSyntaxError.Kind) -> JSONSyntaxError {
            JSONSyntaxError(kind: kind, offset: start.distance(to: p))
        }
        while true {
            p = JSONScanner.skipWhitespace(p, end)
            guard p < end else {
                if open.isEmpty && expecting == .commaOrClose { return nil }
                if tokens.isEmpty { return fail(.empty) }
                return fail(.invalid("unexpected end"))
            }
            let byte = p.pointee
            switch expecting {
            case .value, .valueOrClose:
                if byte == UInt8(ascii: "]") && expecting == .valueOrClose {
                    closeContainer(at: start.distance(to: p))
                    p += 1
                    expecting = .commaOrClose
                    continue
                }
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard open.count < Self.maxDepth else { return fail(.tooDeep) }
                    let isObject = byte == UInt8(ascii: "{")
                    open.append(UInt32(tokens.count))
                    let offset = UInt32(start.distance(to: p))
                    tokens.append(JSONToken(kind: isObject ? .object : .array, hasEscapes: false,
                                            start: offset, end: offset, next: 0))
                    p += 1
                    expecting = isObject ? .keyOrClose : .valueOrClose
                case UInt8(ascii: "\""):
                    // In the root object, the token before a value is its key.
                    if let key = captureKey, open.count == 1, tokens[Int(open[0])].kind == .object,
                       keyEquals(tokens.count - 1, key) {
                        if let error = appendCapturedString(&p, start, end) { return error }
                    } else if let error = appendString(&p, start, end) {
                        return error
                    }
                    expecting = .commaOrClose
                default:
                    if let error = appendScalar(&p, start, end) { return error }
                    expecting = .commaOrClose
                }
            case .key, .keyOrClose:
                if byte == UInt8(ascii: "}") && expecting == .keyOrClose {
                    closeContainer(at: start.distance(to: p))
                    p += 1
                    expecting = .commaOrClose
                    continue
                }
                guard byte == UInt8(ascii: "\"") else { return fail(.invalid("expected a string key")) }
                if let error = appendString(&p, start, end) { return error }
                p = JSONScanner.skipWhitespace(p, end)
                guard p < end, p.pointee == UInt8(ascii: ":") else { return fail(.invalid("expected ':'")) }
                p += 1
                expecting = .value
            case .commaOrClose:
                guard let top = open.last else { return fail(.invalid("unexpected data after the value")) }
                let inObject = tokens[Int(top)].kind == .object
                if byte == UInt8(ascii: ",") {
                    p += 1
                    expecting = inObject ? .key : .value
                } else if byte == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    closeContainer(at: start.distance(to: p))
                    p += 1
                } else {
                    return fail(.invalid(inObject ? "expected ',' or '}'" : "expected ',' or ']'"))
                }
            }
        }
    }

    private mutating func closeContainer(at offset: Int) {
        let index = Int(open.removeLast())
        tokens[index].end = UInt32(offset + 1)
        tokens[index].next = UInt32(tokens.count)
    }

    private mutating func appendString(
        _ p: inout UnsafePointer<UInt8>, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
    ) -> JSONSyntaxError? {
        let contentStart = p + 1
        switch JSONScanner.scanString(from: contentStart, end) {
        case .closed(let quote, let hasEscapes, let hasUnpairedSurrogate):
            tokens.append(JSONToken(kind: .string, hasEscapes: hasEscapes, hasUnpairedSurrogate: hasUnpairedSurrogate,
                                    start: UInt32(start.distance(to: contentStart)),
                                    end: UInt32(start.distance(to: quote)), next: UInt32(tokens.count + 1)))
            p = quote + 1
            return nil
        case .failed(let at, let kind):
            return JSONSyntaxError(kind: kind, offset: start.distance(to: at))
        }
    }

    private mutating func appendCapturedString(
        _ p: inout UnsafePointer<UInt8>, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
    ) -> JSONSyntaxError? {
        let buffer = capture!
        let contentStart = p + 1
        buffer.reserve(end - contentStart)
        switch JSONScanner.scanStringCopying(from: contentStart, end, into: buffer.base) {
        case .closed(let quote, let written, let hasEscapes, let hasUnpairedSurrogate):
            buffer.count = written
            capturedToken = tokens.count
            tokens.append(JSONToken(kind: .string, hasEscapes: hasEscapes, hasUnpairedSurrogate: hasUnpairedSurrogate,
                                    start: UInt32(start.distance(to: contentStart)),
                                    end: UInt32(start.distance(to: quote)), next: UInt32(tokens.count + 1)))
            p = quote + 1
            return nil
        case .failed(let at, let kind):
            return JSONSyntaxError(kind: kind, offset: start.distance(to: at))
        }
    }

    private mutating func appendScalar(
        _ p: inout UnsafePointer<UInt8>, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>
    ) -> JSONSyntaxError? {
        let first = p
        let kind: JSONToken.Kind
        switch p.pointee {
        case UInt8(ascii: "t"):
            guard JSONScanner.matches(p, end, "true") else { return JSONSyntaxError(kind: .invalid("unknown literal"), offset: start.distance(to: p)) }
            p += 4; kind = .true
        case UInt8(ascii: "f"):
            guard JSONScanner.matches(p, end, "false") else { return JSONSyntaxError(kind: .invalid("unknown literal"), offset: start.distance(to: p)) }
            p += 5; kind = .false
        case UInt8(ascii: "n"):
            guard JSONScanner.matches(p, end, "null") else { return JSONSyntaxError(kind: .invalid("unknown literal"), offset: start.distance(to: p)) }
            p += 4; kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let after = JSONScanner.scanNumber(from: p, end) else {
                return JSONSyntaxError(kind: .invalid("malformed number"), offset: start.distance(to: p))
            }
            p = after; kind = .number
        default:
            return JSONSyntaxError(kind: p.pointee >= 0x80 ? .invalidUTF8 : .invalid("unexpected character"),
                                   offset: start.distance(to: p))
        }
        tokens.append(JSONToken(kind: kind, hasEscapes: false, start: UInt32(start.distance(to: first)),
                                end: UInt32(start.distance(to: p)), next: UInt32(tokens.count + 1)))
        return nil
    }
}
