/// What a run reports as it goes, in archive order, from one thread at a time.
///
/// The pipeline calls an observer in exactly the order a single-threaded pass would, whatever the
/// number of jobs, so what an observer builds is deterministic.
public protocol RunObserver: AnyObject {
    /// A verified event seen for the first time.
    func record(event: DecodedEvent, at position: ArchivePosition)
    /// The same, with the key that recognises the event's retries (what a partial stores).
    func record(event: DecodedEvent, delivery: DeliveryKey, at position: ArchivePosition)
    /// A line that is neither verified nor a duplicate (forged, unsigned, malformed, undecodable).
    func record(finding: Finding)
    /// An input that could not be read to its end; the lines before `lineReached` were recorded.
    func record(failure: InputFailure)
    /// An input that has been read as far as it could be.
    func finished(input: Int)
    /// The names of inputs that follow those named before (a merge learns them from each partial;
    /// a run knows its inputs from the start).
    func named(inputs: [String])
    /// How many conversations the verified events concerned, when the observer counted them (the
    /// run's summary records it); nil when it did not.
    var conversationCount: Int? { get }
}

extension RunObserver {
    /// Does nothing: an observer handles only what it needs.
    public func record(event: DecodedEvent, at position: ArchivePosition) {}
    /// Passes the event on without its key: most observers do not need it.
    public func record(event: DecodedEvent, delivery: DeliveryKey, at position: ArchivePosition) {
        record(event: event, at: position)
    }
    /// Does nothing: an observer handles only what it needs.
    public func record(finding: Finding) {}
    /// Does nothing: an observer handles only what it needs.
    public func record(failure: InputFailure) {}
    /// Does nothing: an observer handles only what it needs.
    public func finished(input: Int) {}
    /// Does nothing: an observer handles only what it needs.
    public func named(inputs: [String]) {}
    /// Not counted: an observer counts conversations only when it keeps them anyway.
    public var conversationCount: Int? { nil }
}
