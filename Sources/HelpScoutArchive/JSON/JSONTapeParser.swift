#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The parse loop of `JSONTape`, as a value type working on local state: the hot loop then needs no
/// runtime exclusivity checks, which a class's stored properties would cost on every token.
struct JSONTapeParser {
    private enum Expecting { case value, valueOrClose, key, keyOrClose, commaOrClose }

    var tokens: UnsafeMutablePointer<JSONToken>
    var capacity: Int
    var count = 0
    var capturedToken: Int?
    private var open: UnsafeMutablePointer<UInt32>
    private var depth = 0
    /// Bit `d` is set when the container at depth `d + 1` is an object (depth is at most 64).
    private var objects: UInt64 = 0
    private let captureKey: StaticString?
    private let capture: ByteBuffer?
    /// Whether the capture is copied by the kernel.
    private let kernels: KernelChoice
    /// Tokens nested deeper than this are validated but not kept (0: the root only).
    private let maxTokenDepth: Int
    /// In `open`, a container that is not kept.
    private static let notKept = UInt32.max

    /// - Parameter open: room for `JSONTape.maxDepth` container indices.
    init(
        tokens: UnsafeMutablePointer<JSONToken>, capacity: Int, open: UnsafeMutablePointer<UInt32>,
        captureKey: StaticString?, capture: ByteBuffer?, kernels: KernelChoice, maxTokenDepth: Int = .max
    ) {
        self.maxTokenDepth = maxTokenDepth
        self.tokens = tokens
        self.capacity = capacity
        self.open = open
        self.captureKey = captureKey
        self.capture = capture
        self.kernels = kernels
    }

    @inline(__always)
    private mutating func append(_ token: JSONToken) {
        guard depth <= maxTokenDepth else { return }
        if count == capacity {
            let larger = UnsafeMutablePointer<JSONToken>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: tokens, count: count)
            tokens.deallocate()
            tokens = larger
            capacity *= 2
        }
        (tokens + count).initialize(to: token)
        count += 1
    }

    /// Parses all of `bytes`, finding tokens with `cursor`; nil when it is one valid JSON value with
    /// optional white space around it.
    mutating func run(_ bytes: UnsafeRawBufferPointer, _ cursor: inout ScanningCursor) -> JSONSyntaxError? {
        guard let start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else {
            return JSONSyntaxError(kind: .empty, offset: 0)
        }
        guard bytes.count < Int(UInt32.max) else {
            return JSONSyntaxError(kind: .invalid(.tooLong), offset: 0)
        }
        let end = start + bytes.count
        var p = start
        var expecting = Expecting.value
        func fail(_ kind: JSONSyntaxError.Kind) -> JSONSyntaxError {
            JSONSyntaxError(kind: kind, offset: start.distance(to: p))
        }
        while true {
            p = cursor.next()
            guard p < end else {
                if depth == 0 && expecting == .commaOrClose { return nil }
                if count == 0 { return fail(.empty) }
                return fail(.invalid(.unexpectedEnd))
            }
            let byte = p.pointee
            switch expecting {
            case .value, .valueOrClose:
                if byte == UInt8(ascii: "]") && expecting == .valueOrClose {
                    closeContainer(at: start.distance(to: p))
                    cursor.consumeByte()
                    expecting = .commaOrClose
                    continue
                }
                switch byte {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard depth < JSONTape.maxDepth else { return fail(.tooDeep) }
                    let isObject = byte == UInt8(ascii: "{")
                    open[depth] = depth <= maxTokenDepth ? UInt32(count) : Self.notKept
                    if isObject { objects |= 1 << UInt64(depth) } else { objects &= ~(1 << UInt64(depth)) }
                    let offset = UInt32(start.distance(to: p))
                    append(
                        JSONToken(
                            kind: isObject ? .object : .array, hasEscapes: false, start: offset, end: offset, next: 0))
                    depth += 1
                    cursor.consumeByte()
                    expecting = isObject ? .keyOrClose : .valueOrClose
                case UInt8(ascii: "\""):
                    // In the root object, the token before a value is its key.
                    if let key = captureKey, depth == 1, tokens[Int(open[0])].kind == .object,
                        Self.keyEquals(tokens[count - 1], key, in: start)
                    {
                        if let error = appendCapturedString(p, start, end, &cursor) { return error }
                    } else if let error = appendString(p, start, &cursor) {
                        return error
                    }
                    expecting = .commaOrClose
                default:
                    if let error = appendScalar(p, start, end, &cursor) { return error }
                    expecting = .commaOrClose
                }
            case .key, .keyOrClose:
                if byte == UInt8(ascii: "}") && expecting == .keyOrClose {
                    closeContainer(at: start.distance(to: p))
                    cursor.consumeByte()
                    expecting = .commaOrClose
                    continue
                }
                guard byte == UInt8(ascii: "\"") else { return fail(.invalid(.expectedKey)) }
                if let error = appendString(p, start, &cursor) { return error }
                p = cursor.next()
                guard p < end, p.pointee == UInt8(ascii: ":") else { return fail(.invalid(.expectedColon)) }
                cursor.consumeByte()
                expecting = .value
            case .commaOrClose:
                guard depth > 0 else { return fail(.invalid(.dataAfterValue)) }
                let inObject = objects >> UInt64(depth - 1) & 1 != 0
                if byte == UInt8(ascii: ",") {
                    cursor.consumeByte()
                    guard inObject else {
                        expecting = .value
                        continue
                    }
                    // The next member's key and colon, without another trip round the loop.
                    p = cursor.next()
                    guard p < end, p.pointee == UInt8(ascii: "\"") else {
                        return fail(p < end ? .invalid(.expectedKey) : .invalid(.unexpectedEnd))
                    }
                    if let error = appendString(p, start, &cursor) { return error }
                    p = cursor.next()
                    guard p < end, p.pointee == UInt8(ascii: ":") else { return fail(.invalid(.expectedColon)) }
                    cursor.consumeByte()
                    expecting = .value
                } else if byte == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    closeContainer(at: start.distance(to: p))
                    cursor.consumeByte()
                } else {
                    return fail(.invalid(inObject ? .expectedCommaOrBrace : .expectedCommaOrBracket))
                }
            }
        }
    }

    /// Whether an unescaped string token spells `key`.
    private static func keyEquals(_ token: JSONToken, _ key: StaticString, in start: UnsafePointer<UInt8>) -> Bool {
        let length = Int(token.end - token.start)
        return token.kind == .string && !token.hasEscapes && length == key.utf8CodeUnitCount
            && memcmp(start + Int(token.start), key.utf8Start, length) == 0
    }

    private mutating func closeContainer(at offset: Int) {
        depth -= 1
        guard open[depth] != Self.notKept else { return }
        let index = Int(open[depth])
        tokens[index].end = UInt32(offset + 1)
        tokens[index].next = UInt32(count)
    }

    @inline(__always)
    private mutating func appendString(
        _ quote: UnsafePointer<UInt8>, _ start: UnsafePointer<UInt8>, _ cursor: inout ScanningCursor
    ) -> JSONSyntaxError? {
        switch cursor.string(openingAt: quote) {
        case .closed(let closing, let hasEscapes, let hasUnpairedSurrogate):
            appendString(from: quote + 1, to: closing, start, hasEscapes, hasUnpairedSurrogate)
            return nil
        case .failed(let at, let kind):
            return JSONSyntaxError(kind: kind, offset: start.distance(to: at))
        }
    }

    @inline(__always)
    private mutating func appendString(
        from contentStart: UnsafePointer<UInt8>, to quote: UnsafePointer<UInt8>, _ start: UnsafePointer<UInt8>,
        _ hasEscapes: Bool, _ hasUnpairedSurrogate: Bool
    ) {
        append(
            JSONToken(
                kind: .string, hasEscapes: hasEscapes, hasUnpairedSurrogate: hasUnpairedSurrogate,
                start: UInt32(start.distance(to: contentStart)), end: UInt32(start.distance(to: quote)),
                next: UInt32(count + 1)))
    }

    private mutating func appendCapturedString(
        _ quote: UnsafePointer<UInt8>, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
        _ cursor: inout ScanningCursor
    ) -> JSONSyntaxError? {
        let buffer = capture!
        let contentStart = quote + 1
        buffer.reserve(end - contentStart)
        switch JSONScanner.scanStringCopying(from: contentStart, end, into: buffer.base, kernels: kernels) {
        case .closed(let closing, let written, let hasEscapes, let hasUnpairedSurrogate):
            buffer.count = written
            capturedToken = count
            appendString(from: contentStart, to: closing, start, hasEscapes, hasUnpairedSurrogate)
            cursor.skipString(closingAt: closing)
            return nil
        case .failed(let at, let kind):
            return JSONSyntaxError(kind: kind, offset: start.distance(to: at))
        }
    }

    private mutating func appendScalar(
        _ first: UnsafePointer<UInt8>, _ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
        _ cursor: inout ScanningCursor
    ) -> JSONSyntaxError? {
        var p = first
        let kind: JSONToken.Kind
        func unknown() -> JSONSyntaxError {
            JSONSyntaxError(kind: .invalid(.unknownLiteral), offset: start.distance(to: first))
        }
        switch p.pointee {
        case UInt8(ascii: "t"):
            guard JSONScanner.matches(p, end, "true") else { return unknown() }
            p += 4
            kind = .true
        case UInt8(ascii: "f"):
            guard JSONScanner.matches(p, end, "false") else { return unknown() }
            p += 5
            kind = .false
        case UInt8(ascii: "n"):
            guard JSONScanner.matches(p, end, "null") else { return unknown() }
            p += 4
            kind = .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let after = JSONScanner.scanNumber(from: p, end) else {
                return JSONSyntaxError(kind: .invalid(.malformedNumber), offset: start.distance(to: p))
            }
            p = after
            kind = .number
        default:
            return JSONSyntaxError(
                kind: p.pointee >= 0x80 ? .invalidUTF8 : .invalid(.unexpectedCharacter),
                offset: start.distance(to: p))
        }
        // What follows the scalar is checked as the next token.
        cursor.skip(to: p)
        append(
            JSONToken(
                kind: kind, hasEscapes: false, start: UInt32(start.distance(to: first)),
                end: UInt32(start.distance(to: p)), next: UInt32(count + 1)))
        return nil
    }
}
