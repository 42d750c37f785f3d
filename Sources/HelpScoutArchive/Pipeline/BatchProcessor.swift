/// The verdicts for one batch of lines: the work one thread does at a time.
public struct BatchResult: Sendable {
    /// One non-blank line's verdict and its 0-based index in the batch.
    public struct Entry: Sendable {
        public var lineIndex: Int
        public var verdict: LineVerdict
    }

    /// Every line of the batch, blank ones included, so line numbers can continue after it.
    public var lineCount: Int
    public var entries: [Entry]
    /// The batch's signatures that matched a secret, and well-formed ones that matched none.
    public var signatures = SignatureTally()
}

/// Processes whole batches with one `DeliveryProcessor`.
public struct BatchProcessor {
    private var processor: DeliveryProcessor

    public init(keyring: SecretKeyring, detail: BodyDecoder.Detail = .complete) {
        processor = DeliveryProcessor(keyring: keyring, detail: detail)
    }

    /// The verdicts of every non-blank line of `batch`.
    public mutating func process(_ batch: LineBatch) -> BatchResult {
        var entries: [BatchResult.Entry] = []
        entries.reserveCapacity(batch.byteCount / 1024 + 1)
        let lineCount = batch.forEachLine { index, line in
            guard !LineBatch.isBlank(line) else { return }
            entries.append(.init(lineIndex: index, verdict: processor.process(line: line)))
        }
        if let length = batch.oversizedLineLength {
            let limit = ArchiveReader.defaultMaxLineLength >> 20
            entries.append(.init(lineIndex: lineCount - 1, verdict: .rejected(
                .malformed, reason: "line is \(length) bytes long, over the \(limit) MiB limit; skipped unread",
                deliveryId: nil, eventType: nil)))
        }
        return BatchResult(lineCount: lineCount, entries: entries, signatures: processor.takeSignatures())
    }
}
