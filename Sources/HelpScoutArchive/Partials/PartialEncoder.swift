/// Appends a partial's records to a byte buffer: LEB128 varints (zigzag for signed numbers), as
/// `FactLog` and Protocol Buffers write them, and length-prefixed UTF-8 strings.
///
/// Short strings (names, tags, statuses) are interned: the first time a string is written it goes
/// inline and joins the table, later times it is its index there. The table is capped, so a
/// partial of hostile names costs bounded memory to read.
struct PartialEncoder {
    private(set) var bytes: [UInt8] = []
    private var strings: [[UInt8]: Int] = [:]

    static let internedLengthLimit = 64
    static let internedCountLimit = 1 << 16

    mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// Bytes as they are (a test's hand-made records).
    mutating func append(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    mutating func unsigned(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func count(_ value: Int) { unsigned(UInt64(value)) }

    mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func fixed(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// 0 for nil, else the value's zigzag code plus one.
    mutating func optional(_ value: Int64?) {
        guard let value else { return unsigned(0) }
        unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)) &+ 1)
    }

    /// A string that is never interned (a finding's reason, a path).
    mutating func text(_ value: String) {
        count(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    /// 0 for nil; 2k+1 for the interned string k; 2n+2 for n bytes that follow (interned when short).
    mutating func string(_ value: String?) {
        guard let value else { return unsigned(0) }
        // Keyed by bytes: two spellings Swift calls equal (é and e + ◌́) stay apart.
        let utf8 = Array(value.utf8)
        if let index = strings[utf8] { return count(2 * index + 1) }
        count(2 * utf8.count + 2)
        bytes.append(contentsOf: utf8)
        if utf8.count <= Self.internedLengthLimit && strings.count < Self.internedCountLimit {
            strings[utf8] = strings.count
        }
    }
}

/// Where records are read from: a block's bytes, held (`PartialDecoder`) or borrowed
/// (`BorrowedRecordInput`). Every read checks its bounds: a damaged partial throws, never traps.
protocol RecordInput {
    /// Where the next read starts.
    var index: Int { get set }
    /// How many bytes there are.
    var byteCount: Int { get }
    /// The byte at `index`, which is below `byteCount`.
    subscript(_ index: Int) -> UInt8 { get }
    /// A varint that does not fit its first byte (`longUnsigned(_:_:)` on the bytes).
    mutating func longUnsigned() throws(PartialFileError.Damage) -> UInt64
}

extension RecordInput {
    @inline(__always)
    mutating func byte() throws(PartialFileError.Damage) -> UInt8 {
        guard index < byteCount else { throw .recordCutShort }
        defer { index += 1 }
        return self[index]
    }

    @inline(__always)
    mutating func unsigned() throws(PartialFileError.Damage) -> UInt64 {
        // Most numbers are differences that fit one byte.
        if index < byteCount, self[index] < 0x80 {
            index += 1
            return UInt64(self[index - 1])
        }
        return try longUnsigned()
    }

    /// A count or index, at most `limit`.
    @inline(__always)
    mutating func count(limit: Int = Int(Int32.max)) throws(PartialFileError.Damage) -> Int {
        let value = try unsigned()
        guard limit >= 0, value <= UInt64(limit) else { throw .badNumber }
        return Int(value)
    }

    @inline(__always)
    mutating func signed() throws(PartialFileError.Damage) -> Int64 {
        let value = try unsigned()
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    /// A varint from `index` of `bytes` that does not fit its first byte: a word at a time where
    /// eight bytes are left; a number that does not end within them is read (or refused) byte by byte.
    static func longUnsigned(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) throws(PartialFileError.Damage)
        -> UInt64
    {
        if bytes.count - index >= 8,
            let (value, length) = VarintWord.decode(VarintWord.load(bytes.baseAddress! + index))
        {
            index += length
            return value
        }
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard index < bytes.count else { throw .recordCutShort }
            let byte = bytes[index]
            index += 1
            guard shift < 64 else { throw .badNumber }
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}

/// Reads records from bytes it borrows, which stay put while it reads (a merge's blocks of
/// conversation records, read again by the metrics: no reference to count per record).
struct BorrowedRecordInput: RecordInput {
    let bytes: UnsafeBufferPointer<UInt8>
    var index: Int

    var byteCount: Int { bytes.count }

    subscript(_ index: Int) -> UInt8 { bytes[index] }

    mutating func longUnsigned() throws(PartialFileError.Damage) -> UInt64 {
        try Self.longUnsigned(bytes, &index)
    }
}

/// Reads what `PartialEncoder` wrote, checking every bound: a damaged partial throws, never traps.
struct PartialDecoder: RecordInput {
    private let bytes: [UInt8]
    var index = 0
    private var strings: [String] = []

    init(_ bytes: [UInt8] = []) { self.bytes = bytes }

    /// Starts on the next block's bytes, keeping the interned strings.
    mutating func reset(_ bytes: [UInt8]) {
        self = PartialDecoder(bytes: bytes, strings: strings)
    }

    private init(bytes: [UInt8], strings: [String]) {
        self.bytes = bytes
        self.strings = strings
    }

    var isAtEnd: Bool { index >= bytes.count }

    /// The block's bytes in `range`.
    func bytes(_ range: Range<Int>) -> ArraySlice<UInt8> { bytes[range] }

    /// Moves past the next byte when it is `byte`; whether it was.
    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    var byteCount: Int { bytes.count }

    subscript(_ index: Int) -> UInt8 { bytes[index] }

    mutating func longUnsigned() throws(PartialFileError.Damage) -> UInt64 {
        var at = index
        defer { index = at }
        return try bytes.withUnsafeBufferPointer { (buffer) throws(PartialFileError.Damage) in
            try Self.longUnsigned(buffer, &at)
        }
    }

    mutating func fixed() throws(PartialFileError.Damage) -> UInt64 {
        guard bytes.count - index >= 8 else { throw .recordCutShort }
        let at = index
        let value = bytes.withUnsafeBytes { VarintWord.load($0.baseAddress! + at) }
        index += 8
        return value
    }

    mutating func optional() throws(PartialFileError.Damage) -> Int64? {
        let value = try unsigned()
        guard value > 0 else { return nil }
        let code = value - 1
        return Int64(bitPattern: code >> 1) ^ -Int64(bitPattern: code & 1)
    }

    mutating func text() throws(PartialFileError.Damage) -> String {
        try utf8(count(limit: bytes.count - index))
    }

    mutating func string() throws(PartialFileError.Damage) -> String? {
        let code = try count()
        if code == 0 { return nil }
        if code & 1 == 1 {
            guard code / 2 < strings.count else { throw .badReference }
            return strings[code / 2]
        }
        let length = code / 2 - 1
        guard length <= bytes.count - index else { throw .recordCutShort }
        let value = try utf8(length)
        if length <= PartialEncoder.internedLengthLimit && strings.count < PartialEncoder.internedCountLimit {
            strings.append(value)
        }
        return value
    }

    private mutating func utf8(_ length: Int) throws(PartialFileError.Damage) -> String {
        guard length <= bytes.count - index else { throw .recordCutShort }
        let slice = bytes[index..<(index + length)]
        index += length
        guard let value = String(validating: slice, as: UTF8.self) else { throw .badText }
        return value
    }
}
