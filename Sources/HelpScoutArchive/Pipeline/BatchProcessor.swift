/// The verdicts for one batch of lines: the work one thread does at a time.
package struct BatchResult: Sendable {
    /// One non-blank line's verdict and its 0-based index in the batch.
    package struct Entry: Sendable {
        package let lineIndex: Int
        package let verdict: LineVerdict
        /// What tells a verified delivery's retries apart (nil for any other verdict): made here,
        /// on the thread that processed the line, so the merge can fetch its slot in the table of
        /// deliveries seen ahead of time without reading the verdict. (Made once, with the verdict
        /// it is derived from: both are constants.)
        package let deliveryKey: DeliveryKey?

        package init(lineIndex: Int, verdict: LineVerdict) {
            self.lineIndex = lineIndex
            self.verdict = verdict
            if case .verified(let fingerprint, let event) = verdict {
                deliveryKey = DeliveryKey(type: event.type, fingerprint: fingerprint)
            } else {
                deliveryKey = nil
            }
        }
    }

    /// Every line of the batch, blank ones included, so line numbers can continue after it.
    package var lineCount: Int
    package var entries: [Entry]
    /// The batch's signatures that matched a secret, and well-formed ones that matched none.
    package var signatures = SignatureTally()
}

/// Processes whole batches with one `DeliveryProcessor`.
package struct BatchProcessor {
    private var processor: DeliveryProcessor
    /// The longest line the reader reads, named in the reason of a longer one.
    private let maxLineLength: Int

    /// - Parameter maxLineLength: the reader's limit in use (`ArchiveReader.lineLimit`), which the
    ///   reason of a longer line names.
    init(keyring: SecretKeyring, detail: DecodingDetail, maxLineLength: Int) {
        processor = DeliveryProcessor(keyring: keyring, detail: detail)
        self.maxLineLength = maxLineLength
    }

    /// The verdicts of every non-blank line of `batch`.
    package mutating func process(_ batch: LineBatch) -> BatchResult {
        var entries: [BatchResult.Entry] = []
        entries.reserveCapacity(batch.byteCount / 1024 + 1)
        // Lines go to the processor several at a time, so their signatures are checked together;
        // every line stays in the batch's buffer until the batch is done.
        var waiting: [(index: Int, line: UnsafeRawBufferPointer)] = []
        waiting.reserveCapacity(DeliveryProcessor.linesAtOnce)
        func processWaiting() {
            guard !waiting.isEmpty else { return }
            let verdicts = processor.process(waiting.map(\.line))
            for (line, verdict) in zip(waiting, verdicts) {
                entries.append(.init(lineIndex: line.index, verdict: verdict))
            }
            waiting.removeAll(keepingCapacity: true)
        }
        let lineCount = batch.forEachLine { index, line in
            guard !LineBatch.isBlank(line) else { return }
            guard line.count <= DeliveryProcessor.longestLineTogether else {
                processWaiting()
                entries.append(.init(lineIndex: index, verdict: processor.process(line: line)))
                return
            }
            waiting.append((index, line))
            if waiting.count == DeliveryProcessor.linesAtOnce { processWaiting() }
        }
        processWaiting()
        if let length = batch.oversizedLineLength {
            entries.append(
                .init(
                    lineIndex: lineCount - 1,
                    verdict: .rejected(
                        .malformed,
                        reason:
                            "line is \(length) bytes long, over the \(Self.size(maxLineLength)) limit; skipped unread",
                        deliveryId: nil, eventType: nil)))
        }
        return BatchResult(lineCount: lineCount, entries: entries, signatures: processor.takeSignatures())
    }

    /// `16 MiB`, or bytes when the limit is not a whole number of MiB.
    static func size(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes)-byte"
    }
}
