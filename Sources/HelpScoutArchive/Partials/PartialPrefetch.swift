import Foundation

/// Where a merge takes a partial's blocks from: the file itself, or blocks read ahead.
package protocol PartialBlocks {
    /// The next block; nil after the last, once the checksum has matched.
    func nextBlockToMerge() throws(PartialFileReader.Refusal) -> PartialBlock?
}

/// A partial's block as a merge takes it.
package enum PartialBlock {
    /// Its record bytes.
    case records([UInt8])
    /// Its conversation records, read already (`ConversationRecords`).
    case conversations(ConversationRecords)
}

extension PartialFileReader: PartialBlocks {
    package func nextBlockToMerge() throws(PartialFileReader.Refusal) -> PartialBlock? {
        try nextBlock().map(PartialBlock.records)
    }
}

/// Reads partials' blocks ahead on a thread of its own, in order, a few blocks at most: reading,
/// inflating and checksumming the next blocks overlap the merge of the current one (about a
/// quarter of a merge's reading, on the bench set's partials).
package final class PartialPrefetch: @unchecked Sendable {
    private enum Item {
        case block(PartialBlock)
        case end
        case refused(PartialFileReader.Refusal)
    }

    private let condition = NSCondition()
    private var queue: [(partial: Int, item: Item)] = []
    private var head = 0
    private var cancelled = false
    private let capacity: Int

    /// Starts reading the partials `open` opens, in order; the reading stops at the first refusal.
    /// - Parameter capacity: the blocks read and not yet taken, at most.
    package init(
        count: Int, capacity: Int = 4, open: @escaping @Sendable (Int) throws(PartialFileReader.Refusal) -> ByteSource
    ) {
        self.capacity = capacity
        let thread = Thread { [self] in
            for partial in 0..<count {
                do throws(PartialFileReader.Refusal) {
                    let reader = try PartialFileReader(source: try open(partial))
                    while let block = try reader.nextBlock() {
                        // A block of conversation records is read here, while the merge goes on.
                        let item = ConversationRecords(block: block).map(PartialBlock.conversations) ?? .records(block)
                        guard put(partial, .block(item)) else { return }
                    }
                    guard put(partial, .end) else { return }
                } catch {
                    _ = put(partial, .refused(error))
                    return
                }
            }
        }
        thread.start()
    }

    /// Stops the reading: a merge that failed takes no more blocks.
    package func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    deinit { cancel() }

    /// The blocks of the `partial`th partial, to be taken after those of the partials before it.
    package func blocks(of partial: Int) -> some PartialBlocks { Partial(prefetch: self, index: partial) }

    private struct Partial: PartialBlocks {
        let prefetch: PartialPrefetch
        let index: Int

        func nextBlockToMerge() throws(PartialFileReader.Refusal) -> PartialBlock? {
            switch prefetch.take(index) {
            case .block(let bytes): return bytes
            case .end: return nil
            case .refused(let refusal): throw refusal
            }
        }
    }

    /// Waits for room, then queues `item`; false when the reading was cancelled.
    private func put(_ partial: Int, _ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count - head >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append((partial, item))
        condition.broadcast()
        return true
    }

    /// Waits for the next item, which must be the `partial`th's.
    private func take(_ partial: Int) -> Item {
        condition.lock()
        defer { condition.unlock() }
        while queue.count == head { condition.wait() }
        let (from, item) = queue[head]
        precondition(from == partial, "partial \(partial)'s blocks were asked for after \(from)'s")
        // The taken block is let go of now, not when the queue is next compacted.
        queue[head].item = .end
        head += 1
        if head > 64 {
            queue.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }
}
