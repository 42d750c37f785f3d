import Foundation

/// Reads, verifies and decodes a run's inputs on several threads and reports them in archive order.
///
/// Each thread takes whatever keeps the run moving: decompressing the next batch of an input (one
/// thread per input at a time, so several inputs can be read at once) or processing a batch that is
/// ready. Results are merged strictly in archive order by whichever thread completes the next one,
/// so the observer sees exactly what a one-thread run shows. Batches read but not merged are capped,
/// which keeps memory flat however long the inputs are.
public final class ArchivePipeline {
    /// How a run is split into threads and batches, and how much of each body it decodes.
    public struct Options: Sendable {
        /// Threads to use; 1 runs everything on the calling thread.
        public var jobs: Int
        package var batchSize: Int
        package var maxLineLength: Int
        package var maxLinesPerBatch: Int
        /// How much of each verified body to decode: statuses only is fastest (for `verify`).
        public var detail: DecodingDetail
        /// Whether to compute each input's SHA-256 while it is read (`InputRecord.digest`), for a
        /// summary: about 2% of a run's CPU, so a run that writes none can skip it.
        public var hashesInputs: Bool

        /// Options for `jobs` threads that decode each verified body to the given detail.
        public init(
            jobs: Int = ProcessInfo.processInfo.activeProcessorCount, detail: DecodingDetail = .complete,
            hashesInputs: Bool = true
        ) {
            self.init(jobs: jobs, batchSize: ArchiveReader.defaultBatchSize, detail: detail, hashesInputs: hashesInputs)
        }

        package init(
            jobs: Int, batchSize: Int, maxLineLength: Int = ArchiveReader.defaultMaxLineLength,
            maxLinesPerBatch: Int = ArchiveReader.defaultMaxLinesPerBatch, detail: DecodingDetail = .complete,
            hashesInputs: Bool = true
        ) {
            self.jobs = max(1, jobs)
            self.detail = detail
            self.hashesInputs = hashesInputs
            self.batchSize = batchSize
            self.maxLineLength = maxLineLength
            self.maxLinesPerBatch = maxLinesPerBatch
        }
    }

    private let inputs: [ArchiveInput]
    private let keyring: SecretKeyring
    private let options: Options
    /// The most batches read and not yet merged at once in the last run: what bounds its memory.
    private(set) var mostBatchesInFlight = 0

    /// A pipeline over `inputs`, verifying with `keyring`.
    public init(inputs: [ArchiveInput], keyring: SecretKeyring, options: Options = Options()) {
        self.inputs = inputs
        self.keyring = keyring
        self.options = options
    }

    /// Runs the inputs to their end, reporting to `observer`.
    /// - Parameter progress: counted as the run goes, when given.
    /// - Returns: the status counts, what was read of each input and which could not be read to
    ///   their end.
    public func run(observer: RunObserver, progress: RunProgress? = nil) -> RunSummary {
        let ledger = RunLedger(
            inputs: inputs, keyIds: keyring.keyIds, detail: options.detail, observer: observer, progress: progress)
        let scheduler = PipelineScheduler(inputs: inputs, options: options, ledger: ledger, progress: progress)
        let keyring = self.keyring
        let detail = options.detail
        let maxLineLength = ArchiveReader.lineLimit(maxLineLength: options.maxLineLength, batchSize: options.batchSize)
        let finished = DispatchSemaphore(value: 0)
        for _ in 1..<options.jobs {
            let thread = Thread {
                var processor = BatchProcessor(keyring: keyring, detail: detail, maxLineLength: maxLineLength)
                scheduler.work(with: &processor)
                finished.signal()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        var processor = BatchProcessor(keyring: keyring, detail: detail, maxLineLength: maxLineLength)
        scheduler.work(with: &processor)
        for _ in 1..<options.jobs { finished.wait() }
        mostBatchesInFlight = scheduler.mostInFlight
        var summary = ledger.summary
        // The observer counts conversations when it keeps them anyway (the report's fact store):
        // a set of every id here cost about 2% of `report`.
        summary.conversationCount = observer.conversationCount
        return summary
    }
}
