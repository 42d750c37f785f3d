/// A conversation's snapshots and threads, encoded compactly in one byte array.
///
/// Each record is a kind byte followed by LEB128 varints, each number a difference from the record
/// before (zigzag-encoded where it can be negative), so a snapshot takes about 13 bytes and a thread
/// about 9 instead of 40 and 24. The running values the differences start from, and how many
/// records of each kind there are, live in a 36-byte
/// header at the front of the array, so a log costs one allocation and one reference. Records are
/// only appended and only read in order, which is all the fact store and the metrics need.
struct FactLog: Sendable {
    private(set) var bytes: [UInt8] = []

    private enum Kind: UInt8 {
        case snapshot = 1
        case closedSnapshot = 2
        case thread = 3
    }
    /// Set in a snapshot's kind byte when it gives a `createdAt`.
    private static let hasCreatedAt: UInt8 = 0x10
    /// Set in a snapshot's kind byte when it names a customer.
    private static let hasCustomer: UInt8 = 0x20
    private static let headerSize = 36
    private static let emptyHeader = [UInt8](repeating: 0, count: headerSize)

    /// The running values of the header: the last time, sequence number, thread id and customer
    /// written, and the records written of each kind.
    private struct Running {
        var time: Int64 = 0
        var sequence: UInt32 = 0
        var threadId: Int64 = 0
        var customer: Int64 = 0
        var snapshots: UInt32 = 0
        var threads: UInt32 = 0
    }

    /// How many snapshots and threads the log holds.
    var counts: (snapshots: Int, threads: Int) {
        let running = running
        return (Int(running.snapshots), Int(running.threads))
    }

    private var running: Running {
        get {
            guard !bytes.isEmpty else { return Running() }
            return bytes.withUnsafeBytes {
                Running(
                    time: $0.loadUnaligned(fromByteOffset: 0, as: Int64.self),
                    sequence: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self),
                    threadId: $0.loadUnaligned(fromByteOffset: 12, as: Int64.self),
                    customer: $0.loadUnaligned(fromByteOffset: 20, as: Int64.self),
                    snapshots: $0.loadUnaligned(fromByteOffset: 28, as: UInt32.self),
                    threads: $0.loadUnaligned(fromByteOffset: 32, as: UInt32.self))
            }
        }
        // Set only by `append`, once the log holds its header.
        set {
            bytes.withUnsafeMutableBytes {
                $0.storeBytes(of: newValue.time, toByteOffset: 0, as: Int64.self)
                $0.storeBytes(of: newValue.sequence, toByteOffset: 8, as: UInt32.self)
                $0.storeBytes(of: newValue.threadId, toByteOffset: 12, as: Int64.self)
                $0.storeBytes(of: newValue.customer, toByteOffset: 20, as: Int64.self)
                $0.storeBytes(of: newValue.snapshots, toByteOffset: 28, as: UInt32.self)
                $0.storeBytes(of: newValue.threads, toByteOffset: 32, as: UInt32.self)
            }
        }
    }

    mutating func append(_ snapshot: SnapshotFact, createdAt: Int64) {
        append(snapshots: CollectionOfOne((snapshot, createdAt)), threads: [])
    }

    mutating func append(_ thread: ThreadFact) {
        append(snapshots: EmptyCollection(), threads: CollectionOfOne(thread))
    }

    /// The most bytes a record takes: a kind byte and its numbers, 10 bytes for an `Int64`
    /// difference and 5 for an index.
    private static let snapshotBytes = 1 + 5 * 10 + 3 * 5
    private static let threadBytes = 1 + 2 * 10 + 5

    /// Appends snapshots (each with its `createdAt`), then threads, as one append of each would,
    /// with the header read and written and the room made once: the records are encoded into a
    /// buffer of their largest size, then copied (the fact store adds a snapshot and its new
    /// threads so).
    mutating func append(
        snapshots: some Collection<(SnapshotFact, Int64)>, threads: some Collection<ThreadFact>
    ) {
        guard !snapshots.isEmpty || !threads.isEmpty else { return }
        let isNew = bytes.isEmpty
        var state = running
        let capacity = snapshots.count * Self.snapshotBytes + threads.count * Self.threadBytes
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var out = Writer(base: buffer.baseAddress!)
            for (snapshot, createdAt) in snapshots { out.encode(snapshot, createdAt: createdAt, after: &state) }
            for thread in threads { out.encode(thread, after: &state) }
            if isNew {
                // A new log is made at its size at once: its header and these records.
                bytes.reserveCapacity(Self.headerSize + out.count)
                bytes.append(contentsOf: Self.emptyHeader)
            }
            let needed = bytes.count + out.count
            // Growing by an eighth rather than doubling: the logs are most of the memory a run
            // keeps, and a doubled array is a third empty on average.
            if bytes.capacity < needed { bytes.reserveCapacity(max(needed, bytes.count + bytes.count / 8)) }
            bytes.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress!, count: out.count))
        }
        running = state
    }

    /// Encodes records at a pointer with room for them.
    private struct Writer {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        mutating func encode(_ snapshot: SnapshotFact, createdAt: Int64, after state: inout Running) {
            let delta = Int64(snapshot.sequence) - Int64(state.sequence)
            state.sequence = snapshot.sequence
            let timeDelta = snapshot.time - state.time
            state.time = snapshot.time
            let hasCustomer = snapshot.customer != Fact.none
            let customerDelta = snapshot.customer &- state.customer
            if hasCustomer { state.customer = snapshot.customer }
            state.snapshots &+= 1
            var kind = snapshot.isClosed ? Kind.closedSnapshot.rawValue : Kind.snapshot.rawValue
            if createdAt != Fact.none { kind |= FactLog.hasCreatedAt }
            if hasCustomer { kind |= FactLog.hasCustomer }
            byte(kind)
            signed(timeDelta)
            signed(delta)
            if createdAt != Fact.none { signed(snapshot.time - createdAt) }
            if hasCustomer { signed(customerDelta) }
            unsigned(UInt64(snapshot.assignee + 1))
            unsigned(UInt64(snapshot.mailbox + 1))
            unsigned(UInt64(snapshot.tagSet + 1))
            if snapshot.isClosed { signed(snapshot.closedEnd - snapshot.time) }
        }

        mutating func encode(_ thread: ThreadFact, after state: inout Running) {
            let idDelta = thread.id &- state.threadId
            let timeDelta = thread.time - state.time
            state.threadId = thread.id
            state.time = thread.time
            state.threads &+= 1
            byte(Kind.thread.rawValue << 2 | thread.kind.rawValue)
            signed(idDelta)
            signed(timeDelta)
            unsigned(UInt64(thread.author + 1))
        }

        @inline(__always)
        private mutating func byte(_ value: UInt8) {
            base[count] = value
            count += 1
        }

        @inline(__always)
        private mutating func unsigned(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                byte(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            byte(UInt8(value))
        }

        @inline(__always)
        private mutating func signed(_ value: Int64) {
            unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
        }
    }

    /// Decodes every record in the order appended; a snapshot comes with its `createdAt`.
    @inline(__always)
    func read(snapshot: (SnapshotFact, _ createdAt: Int64) -> Void, thread: (ThreadFact) -> Void) {
        guard !bytes.isEmpty else { return }
        var state = Running()
        var index = Self.headerSize
        bytes.withUnsafeBufferPointer { buffer in
            func unsigned() -> UInt64 { Self.unsigned(buffer, &index) }
            func signed() -> Int64 { Self.signed(buffer, &index) }
            while index < buffer.count {
                let kind = buffer[index]
                index += 1
                if kind >> 2 == Kind.thread.rawValue {
                    state.threadId = state.threadId &+ signed()
                    state.time += signed()
                    let author = Int32(unsigned()) - 1
                    thread(
                        ThreadFact(
                            id: state.threadId, time: state.time, author: author,
                            kind: ThreadRecord.Kind(rawValue: kind & 3)!))
                    continue
                }
                state.time += signed()
                state.sequence = UInt32(Int64(state.sequence) + signed())
                let createdAt = kind & Self.hasCreatedAt != 0 ? state.time - signed() : Fact.none
                var customer = Fact.none
                if kind & Self.hasCustomer != 0 {
                    state.customer = state.customer &+ signed()
                    customer = state.customer
                }
                let assignee = Int32(unsigned()) - 1, mailbox = Int32(unsigned()) - 1, tagSet = Int32(unsigned()) - 1
                let closedEnd = kind & 0x0F == Kind.closedSnapshot.rawValue ? state.time + signed() : Fact.none
                snapshot(
                    SnapshotFact(
                        time: state.time, closedEnd: closedEnd, sequence: state.sequence,
                        tagSet: tagSet, assignee: assignee, mailbox: mailbox, customer: customer), createdAt)
            }
        }
    }

    /// Calls `body` with the id of each thread record, without decoding anything else.
    func forEachThreadId(_ body: (Int64) -> Void) {
        guard !bytes.isEmpty else { return }
        var id: Int64 = 0
        bytes.withUnsafeBufferPointer { buffer in
            var index = Self.headerSize
            while index < buffer.count {
                let kind = buffer[index]
                index += 1
                if kind >> 2 == Kind.thread.rawValue {
                    id = id &+ Self.signed(buffer, &index)
                    body(id)
                    Self.skip(2, buffer, &index)
                } else {
                    let closed = kind & 0x0F == Kind.closedSnapshot.rawValue ? 1 : 0
                    let optional = (kind & Self.hasCreatedAt != 0 ? 1 : 0) + (kind & Self.hasCustomer != 0 ? 1 : 0)
                    Self.skip(5 + optional + closed, buffer, &index)
                }
            }
        }
    }

    /// Reads a varint, a word at a time where eight bytes are left (`VarintWord`).
    @inline(__always)
    static func unsigned(_ buffer: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt64 {
        let first = buffer[index]
        if first < 0x80 {
            index += 1
            return UInt64(first)
        }
        guard buffer.count - index >= 8,
            let (value, length) = VarintWord.decode(VarintWord.load(buffer.baseAddress! + index))
        else { return unsignedByBytes(buffer, &index) }
        index += length
        return value
    }

    private static func unsignedByBytes(_ buffer: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> UInt64 {
        var value: UInt64 = 0, shift: UInt64 = 0
        while true {
            let byte = buffer[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }

    @inline(__always)
    private static func signed(_ buffer: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int64 {
        let value = unsigned(buffer, &index)
        return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    @inline(__always)
    private static func skip(_ count: Int, _ buffer: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        for _ in 0..<count {
            while buffer[index] >= 0x80 { index += 1 }
            index += 1
        }
    }
}
