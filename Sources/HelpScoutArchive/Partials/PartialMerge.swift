/// Merges partials, in the order given, into what one run over their archives would have gathered:
/// the same counts and findings (inputs numbered on from the partials before), and the same facts,
/// a retry of a delivery in an earlier partial being a `duplicate` exactly as in one run.
///
/// It holds what such a run holds (the set of delivery keys, and the fact store but for its
/// conversations, whose records it keeps as they are: `MergedConversations`), and the block it
/// merges besides (with `PartialPrefetch`, a few more read ahead).
package struct PartialMerge {
    private var seen = DeliverySet()
    private(set) package var summary = RunSummary()
    private(set) package var sources: [MergedPartial] = []
    private var fingerprintMethod: String?
    /// The events of the partials merged so far: where the next partial's sequence numbers start.
    private var events: UInt32 = 0

    package init() {}

    /// Makes room in the set of delivery keys for the events of `count` more partials of `bytes`
    /// in all, at the rate the `mergedBytes` merged so far held them (none before the first is
    /// merged). The room is at most what as many partials as full as the ones merged would need,
    /// and at most 2²² events (a 64 MiB table): a file's size is only what it claims.
    package mutating func makeRoom(forPartials count: Int, ofBytes bytes: Int, after mergedBytes: Int) {
        guard mergedBytes > 0, events > 0 else { return }
        let byBytes = Double(events) / Double(mergedBytes) * Double(bytes)
        let byCount = Double(events) * Double(count)
        seen.reserve(Int(events) + Int(min(byBytes, byCount, Double(1 << 22))))
    }

    /// Merges one partial, read from `source`: its findings and failures go to `observer` (which
    /// learns its inputs' names first), its facts into `store`.
    /// - Throws: why the partial is refused; `observer` and `store` may then hold part of it.
    package mutating func add(
        _ source: ByteSource, name: String, observer: RunObserver, store: inout FactStore
    ) throws(PartialFileError) {
        let reader: PartialFileReader
        do { reader = try PartialFileReader(source: source) } catch {
            throw PartialFileError(name: name, reason: error.reason)
        }
        try add(blocks: reader, name: name, observer: observer, store: &store)
    }

    /// Merges one partial whose blocks `reader` gives (`PartialPrefetch` reads them ahead).
    package mutating func add(
        blocks reader: some PartialBlocks, name: String, observer: RunObserver, store: inout FactStore
    ) throws(PartialFileError) {
        do {
            var replay = Replay(offset: summary.inputs.count, sequenceOffset: events)
            var decoder = PartialDecoder()
            while let block = try reader.nextBlockToMerge() {
                switch block {
                case .records(let bytes):
                    // A block of conversation records is kept whole, as when it is read ahead.
                    if let conversations = ConversationBlock(block: bytes) {
                        do { try replay.add(conversations) } catch let damage {
                            throw PartialFileError(name: name, damage: damage)
                        }
                        continue
                    }
                    decoder.reset(bytes)
                    while !decoder.isAtEnd {
                        do {
                            try replay.next(&decoder, into: &self, observer: observer, store: &store, name: name)
                        } catch let damage {
                            throw PartialFileError(name: name, damage: damage)
                        }
                    }
                case .conversations(let conversations):
                    do { try replay.add(conversations) } catch let damage {
                        throw PartialFileError(name: name, damage: damage)
                    }
                }
            }
            guard replay.ended else {
                throw PartialFileError(name: name, reason: "it has no end record: the file is damaged")
            }
            events &+= UInt32(truncatingIfNeeded: replay.facts.eventCount)
            // Taken out of the store while it grows, so that its arrays are not copied.
            var merged = store.mergedConversations as? MergedConversations ?? MergedConversations()
            store.mergedConversations = nil
            merged.append(replay.facts.conversations)
            store.mergedConversations = merged
        } catch let refusal as PartialFileReader.Refusal {
            throw PartialFileError(name: name, reason: refusal.reason)
        } catch let error as PartialFileError {
            throw error
        } catch {
            throw PartialFileError(name: name, reason: "\(error)")
        }
    }

    /// The state of one partial's merge.
    private struct Replay {
        let offset: Int
        var facts: PartialFactMerger
        var started = false
        var ended = false
        var keyIndices: [Int] = []
        var auditedHere = [Int](repeating: 0, count: DeliveryStatus.allCases.count)
        var lastTime: Int64 = 0
        var lastInput = -1
        var lastLine = 0
        var inputCount = 0
        var inputsRead = 0
        /// A run of event records, merged together (kept to reuse their memory).
        var keys: [DeliveryKey] = []
        /// Each event's time, and its type as the index of a known type, or as `unknownType` with
        /// the name in `unknownTypes` (plain numbers: a batch costs no reference counting).
        var times: [Int64] = []
        var typeCodes: [UInt8] = []
        var unknownTypes: [EventType] = []
        var added: [Bool] = []

        init(offset: Int, sequenceOffset: UInt32) {
            self.offset = offset
            facts = PartialFactMerger(sequenceOffset: sequenceOffset)
        }

        mutating func next(
            _ input: inout PartialDecoder, into merge: inout PartialMerge, observer: RunObserver,
            store: inout FactStore, name: String
        ) throws(PartialFileError.Damage) {
            let kind = try input.byte()
            guard let record = PartialRecord(rawValue: kind) else { throw .unknownRecord(kind) }
            guard !ended else { throw .outOfOrder("a record follows the end record") }
            guard started || record == .start else { throw .outOfOrder("it does not begin with a start record") }
            switch record {
            case .start:
                guard !started else { throw .outOfOrder("a second start record") }
                started = true
                try start(&input, into: &merge, observer: observer, name: name)
            case .event:
                try readEvents(&input, into: &merge, store: &store)
            case .finding:
                let position = try place(&input)
                let statusIndex = try input.count(limit: DeliveryStatus.allCases.count - 1)
                let status = DeliveryStatus.allCases[statusIndex]
                guard status.isAudited else { throw .badNumber }
                let finding = Finding(
                    position: position, status: status, reason: try input.text(), deliveryId: try input.string(),
                    eventType: try input.string(),
                    receivedAt: try time(input.optional()).map(Timestamp.init(milliseconds:)))
                auditedHere[statusIndex] += 1
                merge.summary.add(status)
                observer.record(finding: finding)
            case .inputs:
                try readInputs(&input, into: &merge, observer: observer)
            case .inputsRead:
                try readInputsRead(&input, into: &merge)
            case .end:
                ended = true
                try end(&input, into: &merge, observer: observer)
            default:
                try facts.read(record, from: &input, into: &store)
            }
        }

        /// Keeps a block of conversation records, as `next` keeps each when it reads one.
        mutating func add(_ block: ConversationBlock) throws(PartialFileError.Damage) {
            guard !ended else { throw .outOfOrder("a record follows the end record") }
            guard started else { throw .outOfOrder("it does not begin with a start record") }
            try facts.add(block)
        }

        /// Reads this event record and the event records that follow it, then merges them as a
        /// batch (`DeliverySet.insert(_:added:)` fetches their slots ahead).
        private mutating func readEvents(
            _ input: inout PartialDecoder, into merge: inout PartialMerge, store: inout FactStore
        ) throws(PartialFileError.Damage) {
            keys.removeAll(keepingCapacity: true)
            times.removeAll(keepingCapacity: true)
            typeCodes.removeAll(keepingCapacity: true)
            unknownTypes.removeAll(keepingCapacity: true)
            let knownTypes = EventType.known.count
            repeat {
                keys.append(DeliveryKey(bits: try input.fixed()))
                let typeCode = try input.byte()
                if typeCode == 0xFF {
                    guard let name = try input.string() else { throw .badText }
                    unknownTypes.append(EventType(name: name))
                } else {
                    guard Int(typeCode) < knownTypes else { throw .badNumber }
                }
                typeCodes.append(typeCode)
                lastTime = lastTime &+ (try input.signed())
                guard PartialRecord.isTime(lastTime) else { throw .badNumber }
                times.append(lastTime)
            } while input.skip(PartialRecord.event.rawValue)
            added.removeAll(keepingCapacity: true)
            merge.seen.insert(keys, added: &added)
            var unknown = 0, verified = 0
            var first = Int64.max, last = Int64.min
            facts.conversations.dropped.append(contentsOf: added.lazy.map { !$0 })
            for index in keys.indices {
                let typeCode = typeCodes[index]
                if added[index] {
                    let time = times[index]
                    verified += 1
                    first = min(first, time)
                    last = max(last, time)
                    if typeCode == 0xFF {
                        store.count(unknownTypes[unknown], at: Timestamp(milliseconds: time))
                    } else {
                        store.count(knownIndex: Int(typeCode), at: time)
                    }
                }
                if typeCode == 0xFF { unknown += 1 }
            }
            // Counted once for the batch: the same figures as one event at a time.
            merge.summary.add(.verified, times: verified)
            merge.summary.add(.duplicate, times: keys.count - verified)
            if verified > 0 {
                merge.cover(Timestamp(milliseconds: first))
                merge.cover(Timestamp(milliseconds: last))
            }
        }

        private mutating func start(
            _ input: inout PartialDecoder, into merge: inout PartialMerge, observer: RunObserver, name: String
        ) throws(PartialFileError.Damage) {
            let version = try input.text()
            let method = try input.text()
            if let known = merge.fingerprintMethod, known != method {
                throw .outOfOrder(
                    "it recognises retries by the \(method) fingerprint and the partials before it by \(known) (made on CPUs with and without AVX-512): make every partial on like machines, or all with HSARCHIVE_SCALAR_JSON=1"
                )
            }
            merge.fingerprintMethod = method
            var keyIds: [String] = []
            for _ in 0..<(try input.count(limit: 1 << 16)) { keyIds.append(try input.text()) }
            keyIndices = keyIds.map { id in
                if let index = merge.summary.keyIds.firstIndex(of: id) { return index }
                merge.summary.keyIds.append(id)
                return merge.summary.keyIds.count - 1
            }
            merge.sources.append(MergedPartial(name: name, version: version, keyIds: keyIds, inputCount: 0))
        }

        /// Names the next inputs, before any record refers to them.
        private mutating func readInputs(
            _ input: inout PartialDecoder, into merge: inout PartialMerge, observer: RunObserver
        ) throws(PartialFileError.Damage) {
            guard lastInput < 0, inputsRead == 0 else { throw .outOfOrder("an input is named after records about it") }
            var names: [String] = []
            for _ in 0..<(try input.count(limit: PartialRecord.inputsPerRecord)) {
                let record = InputRecord(name: try input.text(), path: try input.text())
                names.append(record.name)
                merge.summary.inputs.append(record)
            }
            inputCount += names.count
            merge.sources[merge.sources.count - 1].inputCount = inputCount
            observer.named(inputs: names)
        }

        /// What was read of the next inputs.
        private mutating func readInputsRead(
            _ input: inout PartialDecoder, into merge: inout PartialMerge
        ) throws(PartialFileError.Damage) {
            let count = try input.count(limit: PartialRecord.inputsPerRecord)
            guard inputsRead + count <= inputCount else { throw .outOfOrder("more inputs are read than named") }
            for index in (offset + inputsRead)..<(offset + inputsRead + count) {
                var record = merge.summary.inputs[index]
                record.digest = InputDigest(
                    bytes: try input.count(limit: PartialRecord.countLimit), sha256: try input.string())
                record.lines = try input.count(limit: PartialRecord.countLimit)
                let code = try input.byte()
                if code != 0 {
                    guard let error = ArchiveReadError(partialCode: code, text: try input.text()) else {
                        throw .badNumber
                    }
                    record.error = error
                }
                merge.summary.inputs[index] = record
            }
            inputsRead += count
        }

        /// `value`, when it is a time a partial may state.
        private func time(_ value: Int64?) throws(PartialFileError.Damage) -> Int64? {
            guard let value else { return nil }
            guard PartialRecord.isTime(value) else { throw .badNumber }
            return value
        }

        /// A finding's input, and its line as a step from the last finding's line in the same input.
        private mutating func place(_ input: inout PartialDecoder) throws(PartialFileError.Damage) -> ArchivePosition {
            let index = try input.count(limit: inputCount - 1)
            let step = try input.count(limit: PartialRecord.countLimit)
            guard index >= lastInput, index > lastInput || step > 0 else {
                throw .outOfOrder("its findings are not in archive order")
            }
            lastLine = (index == lastInput ? lastLine : 0) + step
            lastInput = index
            return ArchivePosition(input: offset + index, line: lastLine)
        }

        private mutating func end(
            _ input: inout PartialDecoder, into merge: inout PartialMerge, observer: RunObserver
        ) throws(PartialFileError.Damage) {
            guard inputsRead == inputCount else { throw .outOfOrder("it does not say what was read of every input") }
            var counts: [Int] = []
            for _ in DeliveryStatus.allCases { counts.append(try input.count(limit: PartialRecord.countLimit)) }
            guard counts[DeliveryStatus.verified.index] == facts.eventCount else {
                throw .outOfOrder(
                    "its end record counts \(counts[0]) verified events, and it holds \(facts.eventCount)")
            }
            for status in DeliveryStatus.allCases where status.isAudited {
                guard counts[status.index] == auditedHere[status.index] else {
                    throw .outOfOrder("its end record's \(status.rawValue) count does not match its findings")
                }
            }
            merge.summary.add(.duplicate, times: counts[DeliveryStatus.duplicate.index])
            let mismatched = try input.count(limit: PartialRecord.countLimit)
            merge.summary.signatures.mismatched += mismatched
            merge.sources[merge.sources.count - 1].signaturesMismatched = mismatched
            let keys = try input.count(limit: keyIndices.count)
            for key in 0..<keys {
                let times = try input.count(limit: PartialRecord.countLimit)
                if times > 0 { merge.summary.signatures.countMatch(key: keyIndices[key], times: times) }
                merge.sources[merge.sources.count - 1].signaturesMatched += times
            }
            var failures: [InputFailure] = []
            for _ in 0..<(try input.count(limit: inputCount)) {
                let index = try input.count(limit: inputCount - 1)
                guard let error = merge.summary.inputs[offset + index].error else {
                    throw .outOfOrder("a failure names an input that was read to its end")
                }
                failures.append(
                    InputFailure(
                        input: offset + index, error: error,
                        lineReached: try input.count(limit: PartialRecord.countLimit)))
            }
            merge.summary.inputsAllMalformed += try inputList(&input)
            merge.summary.emptyInputs += try inputList(&input)
            for failure in failures {
                merge.summary.failures.append(failure)
                observer.record(failure: failure)
            }
            for index in 0..<inputCount { observer.finished(input: offset + index) }
        }

        private func inputList(_ input: inout PartialDecoder) throws(PartialFileError.Damage) -> [Int] {
            var list: [Int] = []
            for _ in 0..<(try input.count(limit: inputCount)) {
                list.append(offset + (try input.count(limit: inputCount - 1)))
            }
            return list
        }
    }

    /// Widens the period the verified events cover, as the run's ledger does.
    private mutating func cover(_ time: Timestamp) {
        if summary.firstEventTime.map({ time < $0 }) ?? true { summary.firstEventTime = time }
        if summary.lastEventTime.map({ time > $0 }) ?? true { summary.lastEventTime = time }
    }
}
