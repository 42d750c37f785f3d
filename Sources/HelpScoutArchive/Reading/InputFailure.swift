/// An input that could not be read to its end.
public struct InputFailure: Sendable, Equatable {
    /// The input's index in the run's list of inputs.
    public var input: Int
    /// What stopped it.
    public var error: ArchiveReadError
    /// The line the reader had reached: lines before it were read and count.
    public var lineReached: Int

    package init(input: Int, error: ArchiveReadError, lineReached: Int) {
        self.input = input
        self.error = error
        self.lineReached = lineReached
    }
}
