/// One archive to read: a file, standard input, or a path that could not be listed.
public struct ArchiveInput: Sendable, Hashable {
    /// Where the bytes come from.
    public enum Source: Sendable, Hashable {
        case file(path: String)
        case standardInput
        /// A path found while expanding a directory that cannot be read; processing it reports `reason`.
        case unreadable(reason: String)
    }

    /// The name shown in findings and in `audit.csv`: the path as given or found, `-` for standard input.
    public let name: String
    public let source: Source

    public init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    public static func file(_ path: String) -> ArchiveInput {
        ArchiveInput(name: path, source: .file(path: path))
    }

    public static let standardInput = ArchiveInput(name: "-", source: .standardInput)
}
