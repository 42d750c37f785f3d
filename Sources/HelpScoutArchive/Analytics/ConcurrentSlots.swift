import Foundation

/// Values that parallel iterations take out and put back, each its own slot, under a lock.
final class ConcurrentSlots<Element>: @unchecked Sendable {
    private var elements: [Element?]
    private let lock = NSLock()

    init(_ elements: [Element]) { self.elements = elements }

    /// The value in `index`, which the container then lets go (so it can be changed without a copy).
    func take(_ index: Int) -> Element {
        lock.lock()
        defer { lock.unlock() }
        defer { elements[index] = nil }
        return elements[index]!
    }

    func put(_ index: Int, _ element: Element) {
        lock.lock()
        elements[index] = element
        lock.unlock()
    }

    /// Every value, in order; every slot must be filled.
    func takeAll() -> [Element] {
        lock.lock()
        defer { lock.unlock() }
        defer { elements = [] }
        return elements.map { $0! }
    }
}
