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
    /// Its conversation records, checked already (`ConversationBlock`).
    case conversations(ConversationBlock)
}

extension PartialFileReader: PartialBlocks {
    package func nextBlockToMerge() throws(PartialFileReader.Refusal) -> PartialBlock? {
        try nextBlock().map(PartialBlock.records)
    }
}

/// Reads partials' blocks ahead on threads of their own, in order, a few blocks at most: reading,
/// inflating, checksumming and checking the next blocks overlap the merge of the current one. Two
/// threads read every other partial each: inflating alone kept one thread busy for as long as the
/// merge read (on the bench set's partials, once the merge kept conversation records as they came).
package final class PartialPrefetch: @unchecked Sendable {
    private enum Item {
        case block(PartialBlock)
        case end
        case refused(PartialFileReader.Refusal)
    }

    private let condition = NSCondition()
    /// Each thread's blocks read and not yet taken, with the partial they are of.
    private var queues: [[(partial: Int, item: Item)]]
    private var heads: [Int]
    /// How many threads read, each into its queue.
    private let threads: Int
    private var cancelled = false
    private let capacity: Int

    /// Starts reading the partials `open` opens, in order; each thread stops at its first refusal.
    /// - Parameters:
    ///   - capacity: the blocks each thread read and not yet taken, at most.
    ///   - threads: how many threads read; the `n`th reads partials `n`, `n + threads`, ….
    package init(
        count: Int, capacity: Int = 4, threads: Int = 2,
        open: @escaping @Sendable (Int) throws(PartialFileReader.Refusal) -> ByteSource
    ) {
        self.capacity = capacity
        let threads = max(1, min(threads, count))
        self.threads = threads
        queues = Array(repeating: [], count: threads)
        heads = Array(repeating: 0, count: threads)
        for first in 0..<threads {
            let thread = Thread { [self] in
                for partial in stride(from: first, to: count, by: threads) {
                    do throws(PartialFileReader.Refusal) {
                        let reader = try PartialFileReader(source: try open(partial))
                        while let block = try reader.nextBlock() {
                            // A block of conversation records is checked here, while the merge goes on.
                            let item =
                                ConversationBlock(block: block).map(PartialBlock.conversations) ?? .records(block)
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

    /// Waits for room in the queue of the thread that reads `partial`, then queues `item`; false
    /// when the reading was cancelled.
    private func put(_ partial: Int, _ item: Item) -> Bool {
        let queue = partial % threads
        condition.lock()
        defer { condition.unlock() }
        while queues[queue].count - heads[queue] >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queues[queue].append((partial, item))
        condition.broadcast()
        return true
    }

    /// Waits for the next item of `partial`, which must be the next its thread queued.
    private func take(_ partial: Int) -> Item {
        let queue = partial % threads
        condition.lock()
        defer { condition.unlock() }
        while queues[queue].count == heads[queue] { condition.wait() }
        let (from, item) = queues[queue][heads[queue]]
        precondition(from == partial, "partial \(partial)'s blocks were asked for after \(from)'s")
        // The taken block is let go of now, not when the queue is next compacted.
        queues[queue][heads[queue]].item = .end
        heads[queue] += 1
        if heads[queue] > 64 {
            queues[queue].removeFirst(heads[queue])
            heads[queue] = 0
        }
        condition.broadcast()
        return item
    }
}
