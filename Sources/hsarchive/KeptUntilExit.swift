/// What the process keeps until it exits rather than frees: a run's facts, once its report is
/// written. Freeing them one by one took about 15 ms of CPU at the end of a `merge` of the bench
/// set (42,506 conversations, each with its own fact log), for memory the exit returns at once.
/// Held from a global, so leak checkers still see it as reachable.
enum KeptUntilExit {
    nonisolated(unsafe) private static var objects: [AnyObject] = []

    /// Keeps `object` alive until the process exits. Call from the main thread.
    static func keep(_ object: AnyObject) { objects.append(object) }
}
