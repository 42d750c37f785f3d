/// The single-threaded end of the pipeline: takes batch results in archive order, numbers their
/// lines, tells duplicates from first deliveries, counts statuses and informs the observer.
final class RunLedger {
    private let observer: RunObserver
    private(set) var summary = RunSummary()
    private var seen = DeliverySet()
    private var linesSoFar: [Int]
    private var malformedSoFar: [Int]
    private var countedSoFar: [Int]
    private let coversEvents: Bool
    private let progress: RunProgress?

    init(
        inputs: [ArchiveInput], keyIds: [String], detail: DecodingDetail, observer: RunObserver, progress: RunProgress?
    ) {
        self.observer = observer
        // Statuses alone may take a bare body's time from receivedAt: the period would not mean
        // what it does elsewhere.
        coversEvents = detail == .complete
        self.progress = progress
        summary.inputs = inputs.map(InputRecord.init)
        summary.keyIds = keyIds
        let inputCount = inputs.count
        linesSoFar = Array(repeating: 0, count: inputCount)
        malformedSoFar = Array(repeating: 0, count: inputCount)
        countedSoFar = Array(repeating: 0, count: inputCount)
    }

    /// Records the next batch of `input`.
    func merge(_ result: BatchResult, input: Int) {
        let firstLine = linesSoFar[input] + 1
        linesSoFar[input] += result.lineCount
        countedSoFar[input] += result.entries.count
        summary.signatures.add(result.signatures)
        progress?.addLines(result.lineCount)
        // The table of deliveries seen is far larger than the caches: each key's slot is fetched
        // a few entries ahead, so the insert does not wait for memory.
        let entries = result.entries, ahead = 8
        for entry in entries.prefix(ahead) { entry.deliveryKey.map(seen.prefetch) }
        for (index, entry) in entries.enumerated() {
            if index + ahead < entries.count { entries[index + ahead].deliveryKey.map(seen.prefetch) }
            let position = ArchivePosition(input: input, line: firstLine + entry.lineIndex)
            switch entry.verdict {
            case .verified(_, let event):
                let key = entry.deliveryKey!
                if seen.insert(key) {
                    summary.add(.verified)
                    cover(event.time)
                    observer.record(event: event, delivery: key, at: position)
                } else {
                    summary.add(.duplicate)
                }
            case .rejected(let status, let reason, let deliveryId, let eventType, let receivedAt):
                summary.add(status)
                if status == .malformed { malformedSoFar[input] += 1 }
                observer.record(
                    finding: Finding(
                        position: position, status: status, reason: reason,
                        deliveryId: deliveryId.map(Finding.capped), eventType: eventType.map(Finding.capped),
                        receivedAt: receivedAt))
            }
        }
    }

    /// Widens the period the verified events cover.
    /// (It takes the time alone: the event, passed whole, cost its payload's reference counting.)
    private func cover(_ time: Timestamp) {
        guard coversEvents else { return }
        if summary.firstEventTime.map({ time < $0 }) ?? true { summary.firstEventTime = time }
        if summary.lastEventTime.map({ time > $0 }) ?? true { summary.lastEventTime = time }
    }

    /// Records that `input` ended, with the error that stopped it if any, and what was read of it.
    func finish(input: Int, error: ArchiveReadError?, digest: InputDigest) {
        summary.inputs[input].digest = digest
        summary.inputs[input].lines = linesSoFar[input]
        summary.inputs[input].error = error
        progress?.finishInput()
        if let error {
            let failure = InputFailure(input: input, error: error, lineReached: linesSoFar[input] + 1)
            summary.failures.append(failure)
            observer.record(failure: failure)
        }
        if countedSoFar[input] > 0 && malformedSoFar[input] == countedSoFar[input] {
            summary.inputsAllMalformed.append(input)
        }
        if linesSoFar[input] == 0 && error == nil { summary.emptyInputs.append(input) }
        observer.finished(input: input)
    }
}
