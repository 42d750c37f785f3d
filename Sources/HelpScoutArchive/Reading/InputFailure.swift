/// An input that could not be read to its end.
public struct InputFailure: Sendable, Equatable {
    public var input: Int
    public var error: ArchiveReadError
    /// The line the reader had reached: lines before it were read and count.
    public var lineReached: Int

    public init(input: Int, error: ArchiveReadError, lineReached: Int) {
        self.input = input
        self.error = error
        self.lineReached = lineReached
    }
}
