import Foundation

/// The shared state of a pipeline run and the loop every thread of it runs.
final class PipelineScheduler: @unchecked Sendable {
    private enum Slot {
        case unopened
        case idle(ArchiveReader, DigestingSource)
        case busy
        case done(batches: Int, error: ArchiveReadError?, digest: InputDigest)
    }

    private struct Task {
        let input: Int
        let sequence: Int
        let batch: LineBatch
    }

    private struct ResultKey: Hashable {
        let input: Int
        let sequence: Int
    }

    private let inputs: [ArchiveInput]
    private let options: ArchivePipeline.Options
    private let ledger: RunLedger
    private let progress: RunProgress?
    private let condition = NSCondition()
    private let inFlightCap: Int
    private let pool: BufferPool

    private var slots: [Slot]
    private var batchesRead: [Int]
    private var ready: [Task] = []
    private var readyHead = 0
    private var results: [ResultKey: BatchResult] = [:]
    private var inFlight = 0
    /// The most batches that were ever read and not yet merged at once (for tests).
    private(set) var mostInFlight = 0
    private var mergeInput = 0
    private var mergeSequence = 0
    private var merging = false

    init(inputs: [ArchiveInput], options: ArchivePipeline.Options, ledger: RunLedger, progress: RunProgress?) {
        self.inputs = inputs
        self.progress = progress
        self.options = options
        self.ledger = ledger
        slots = Array(repeating: .unopened, count: inputs.count)
        batchesRead = Array(repeating: 0, count: inputs.count)
        inFlightCap = 2 * options.jobs + 2
        pool = BufferPool(bufferSize: options.batchSize, capacity: inFlightCap + options.jobs + 2)
    }

    private var readyCount: Int { ready.count - readyHead }

    /// Runs until every input is read, processed and merged.
    func work(with processor: inout BatchProcessor) {
        condition.lock()
        defer { condition.unlock() }
        while mergeInput < inputs.count {
            if readyCount < options.jobs, let input = readableInput() {
                read(input)
            } else if readyCount > 0 {
                let task = ready[readyHead]
                readyHead += 1
                if readyHead > 64 && readyHead * 2 > ready.count {
                    ready.removeFirst(readyHead)
                    readyHead = 0
                }
                condition.unlock()
                let result = processor.process(task.batch)
                pool.recycle(task.batch.storage)
                condition.lock()
                results[ResultKey(input: task.input, sequence: task.sequence)] = result
                drainMerges()
            } else if let input = readableInput() {
                read(input)
            } else if !merging && canMerge {
                drainMerges()
            } else if mergeInput < inputs.count {
                condition.wait()
            }
        }
        condition.broadcast()
    }

    /// The earliest input that a thread may read now, if any. The input being merged and the
    /// inputs after it each have `inFlightCap` batches read and not yet merged at most: the input
    /// being merged always has room of its own, so the batch the merge waits for can always be
    /// read while later inputs wait, and at most `2 × inFlightCap` batches are in flight, whatever
    /// the input's shape (a merge slower than processing, as with millions of tiny findings, used
    /// to let the input being merged be read without limit).
    private func readableInput() -> Int? {
        let mergeInputInFlight = batchesRead[mergeInput] - mergeSequence
        for input in mergeInput..<inputs.count {
            switch slots[input] {
            case .unopened, .idle:
                if input == mergeInput ? mergeInputInFlight < inFlightCap : inFlight - mergeInputInFlight < inFlightCap
                {
                    return input
                }
                return nil
            case .busy, .done:
                continue
            }
        }
        return nil
    }

    /// Reads the next batch of `input` without the lock held. Called and returns with the lock held.
    private func read(_ input: Int) {
        let slot = slots[input]
        slots[input] = .busy
        condition.unlock()
        var reader: (ArchiveReader, DigestingSource)?
        var outcome: Result<LineBatch?, ArchiveReadError>
        do {
            switch slot {
            case .idle(let open, let source): reader = (open, source)
            default: reader = try openReader(for: inputs[input])
            }
            outcome = .success(try reader!.0.nextBatch())
        } catch {
            outcome = .failure(error)
        }
        condition.lock()
        switch outcome {
        case .success(let batch?):
            ready.append(Task(input: input, sequence: batchesRead[input], batch: batch))
            batchesRead[input] += 1
            inFlight += 1
            mostInFlight = max(mostInFlight, inFlight)
            slots[input] = .idle(reader!.0, reader!.1)
        case .success(nil):
            slots[input] = .done(
                batches: batchesRead[input], error: nil,
                digest: reader?.1.digest ?? .nothingRead(hashed: options.hashesInputs))
        case .failure(let error):
            slots[input] = .done(
                batches: batchesRead[input], error: error,
                digest: reader?.1.digest ?? .nothingRead(hashed: options.hashesInputs))
        }
        drainMerges()
        condition.broadcast()
    }

    private func openReader(for input: ArchiveInput) throws(ArchiveReadError) -> (ArchiveReader, DigestingSource) {
        let file: ByteSource
        switch input.source {
        case .file(let path): file = try FileDescriptorSource(path: path)
        case .standardInput: file = FileDescriptorSource(standardInput: ())
        case .unreadable(let reason): throw .notReadable(reason: reason)
        }
        let source = DigestingSource(
            file, hashing: options.hashesInputs, onRead: progress.map { progress in { progress.addBytes($0) } })
        let reader = ArchiveReader(
            source: source, batchSize: options.batchSize, maxLineLength: options.maxLineLength,
            maxLinesPerBatch: options.maxLinesPerBatch, pool: pool)
        return (reader, source)
    }

    private var canMerge: Bool {
        guard mergeInput < inputs.count else { return false }
        if case .done(let batches, _, _) = slots[mergeInput], batches == mergeSequence { return true }
        return results[ResultKey(input: mergeInput, sequence: mergeSequence)] != nil
    }

    /// Hands every result that is next in archive order to the ledger, one thread at a time.
    /// Called and returns with the lock held; the ledger runs without it.
    private func drainMerges() {
        guard !merging else { return }
        merging = true
        while mergeInput < inputs.count {
            if case .done(let batches, let error, let digest) = slots[mergeInput], batches == mergeSequence {
                let input = mergeInput
                mergeInput += 1
                mergeSequence = 0
                condition.unlock()
                ledger.finish(input: input, error: error, digest: digest)
                condition.lock()
            } else if let result = results.removeValue(forKey: ResultKey(input: mergeInput, sequence: mergeSequence)) {
                let input = mergeInput
                mergeSequence += 1
                inFlight -= 1
                condition.unlock()
                ledger.merge(result, input: input)
                condition.lock()
            } else {
                break
            }
        }
        merging = false
        condition.broadcast()
    }
}
