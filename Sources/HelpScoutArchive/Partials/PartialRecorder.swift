/// What `partial` gathers while a run goes: the key, type and time of every verified event first
/// seen in the run and every finding as they come, then the facts the events made (a fact store,
/// as `report` keeps) and the run's counts, written as a partial file (docs/partials.md).
///
/// A write error stops the writing but not the run; `finish` reports it.
package final class PartialRecorder: RunObserver {
    private let writer: PartialFileWriter
    private var records = PartialEncoder()
    private var store = FactStore()
    private var lastTime: Int64 = 0
    private var writeError: OutputFile.WriteError?
    private var lastInput = -1
    private var lastLine = 0
    /// Called for each input that could not be read to its end.
    package var onFailure: ((InputFailure) -> Void)?

    /// Starts the partial of a run over `inputs` with `keyIds` (the keyring's), by this tool's `version`.
    /// - Parameter fingerprints: the method the run's keys come from (a test names the other one).
    package init(
        writer: PartialFileWriter, version: String, keyIds: [String], inputs: [ArchiveInput],
        fingerprints: KernelChoice = .configured
    ) {
        self.writer = writer
        records.byte(PartialRecord.start.rawValue)
        records.text(version)
        records.text(FingerprintMethod.name(fingerprints))
        records.count(keyIds.count)
        for id in keyIds { records.text(id) }
        for start in stride(from: 0, to: inputs.count, by: PartialRecord.inputsPerRecord) {
            let chunk = inputs[start..<min(inputs.count, start + PartialRecord.inputsPerRecord)]
            records.byte(PartialRecord.inputs.rawValue)
            records.count(chunk.count)
            for input in chunk {
                records.text(input.name)
                records.text(input.text)
            }
            flushIfFull()
        }
    }

    package func record(event: DecodedEvent, delivery: DeliveryKey, at position: ArchivePosition) {
        records.byte(PartialRecord.event.rawValue)
        records.fixed(delivery.bits)
        if let index = event.type.knownIndex {
            records.byte(UInt8(index))
        } else {
            records.byte(0xFF)
            records.string(event.type.name)
        }
        records.signed(event.time.milliseconds &- lastTime)
        lastTime = event.time.milliseconds
        store.record(event)
        flushIfFull()
    }

    package func record(finding: Finding) {
        records.byte(PartialRecord.finding.rawValue)
        place(finding.position)
        records.byte(UInt8(finding.status.index))
        records.text(finding.reason)
        records.string(finding.deliveryId)
        records.string(finding.eventType)
        records.optional(finding.receivedAt?.milliseconds)
        flushIfFull()
    }

    package func record(failure: InputFailure) { onFailure?(failure) }

    /// The input, and the line as a step from the last record's line in the same input.
    private func place(_ position: ArchivePosition) {
        records.count(position.input)
        records.count(position.line - (position.input == lastInput ? lastLine : 0))
        lastInput = position.input
        lastLine = position.line
    }

    private func flushIfFull() {
        guard records.bytes.count >= PartialFile.blockTarget else { return }
        flush()
    }

    /// Writes `records` as a block once it holds `target` bytes: what `PartialFacts.write` calls
    /// after each record.
    private func flush(_ records: inout PartialEncoder, ifItHolds target: Int) {
        guard records.bytes.count >= target else { return }
        if writeError == nil {
            do { try writer.writeBlock(records.bytes) } catch { writeError = error }
        }
        records.clear()
    }

    private func flush() {
        guard writeError == nil else { return records.clear() }
        do { try writer.writeBlock(records.bytes) } catch { writeError = error }
        records.clear()
    }

    /// Writes the run's counts and the end of the file.
    /// - Throws: the first error writing met.
    package func finish(summary: RunSummary) throws(OutputFile.WriteError) {
        // The encoder is taken out while the facts are written: each full block is flushed from it.
        var encoder = records
        records = PartialEncoder()
        PartialFacts.write(store, into: &encoder) { flush(&$0, ifItHolds: $1) }
        records = encoder
        for start in stride(from: 0, to: summary.inputs.count, by: PartialRecord.inputsPerRecord) {
            let chunk = summary.inputs[start..<min(summary.inputs.count, start + PartialRecord.inputsPerRecord)]
            records.byte(PartialRecord.inputsRead.rawValue)
            records.count(chunk.count)
            for input in chunk {
                records.count(input.digest.bytes)
                records.string(input.digest.sha256)
                records.count(input.lines)
                if let error = input.error {
                    let (code, text) = error.partialCode
                    records.byte(code)
                    records.text(text)
                } else {
                    records.byte(0)
                }
            }
            flushIfFull()
        }
        records.byte(PartialRecord.end.rawValue)
        for status in DeliveryStatus.allCases { records.count(summary.count(status)) }
        records.count(summary.signatures.mismatched)
        records.count(summary.signatures.matchedPerKey.count)
        for count in summary.signatures.matchedPerKey { records.count(count) }
        records.count(summary.failures.count)
        for failure in summary.failures {
            records.count(failure.input)
            records.count(failure.lineReached)
        }
        for list in [summary.inputsAllMalformed, summary.emptyInputs] {
            records.count(list.count)
            for input in list { records.count(input) }
        }
        flush()
        if let writeError { throw writeError }
        try writer.finish()
    }
}
