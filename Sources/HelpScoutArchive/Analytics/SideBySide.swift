import Foundation

/// Pieces of work that need nothing of each other, run side by side on every core: the metrics'
/// last steps, which one core would otherwise do alone while the other waits.
struct SideBySide {
    private var tasks: [@Sendable () -> Void] = []

    /// Adds `work`; what the returned function gives, once `run()` has returned, is its result.
    mutating func add<Value>(_ work: @escaping @Sendable () -> Value) -> () -> Value {
        let result = ConcurrentSlots<Value?>([nil])
        tasks.append { result.put(0, work()) }
        return { result.take(0)! }
    }

    /// Adds the work of a metric's rows: the state is moved in, so that nothing else holds it while
    /// the rows are made from it.
    mutating func add<Metric: ConversationMetric>(rowsOf metric: consuming Metric, store: FactStore) -> () ->
        Metric.Rows
    {
        let state = ConcurrentSlots([metric])
        return add { state.take(0).rows(store: store) }
    }

    /// Runs every piece of work added, and returns once all have ended.
    func run() {
        let tasks = tasks
        DispatchQueue.concurrentPerform(iterations: tasks.count) { tasks[$0]() }
    }
}
