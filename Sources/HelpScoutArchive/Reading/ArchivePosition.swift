/// Where a line sits in the run: inputs in the order processed, then line order.
public struct ArchivePosition: Sendable, Hashable, Comparable {
    /// The input's index in the run's list of inputs.
    public var input: Int
    /// The 1-based line number in that input.
    public var line: Int

    package init(input: Int, line: Int) {
        self.input = input
        self.line = line
    }

    /// Orders positions by input, then line.
    public static func < (lhs: ArchivePosition, rhs: ArchivePosition) -> Bool {
        (lhs.input, lhs.line) < (rhs.input, rhs.line)
    }
}
