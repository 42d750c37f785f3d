/// One archive to read: a file, standard input, or a path that could not be listed.
public struct ArchiveInput: Sendable, Hashable {
    /// Where the bytes come from.
    package enum Source: Sendable, Hashable {
        case file(path: RawPath)
        case standardInput
        /// A path found while expanding a directory that cannot be read; processing it reports `reason`.
        case unreadable(reason: String)
    }

    /// The name shown in findings, in `audit.csv` and in messages: the path as given or found, made
    /// display-safe (`RawPath.displayName`); `-` for standard input.
    public let name: String
    package let source: Source
    /// The path to record instead of the one read (`recorded(as:)`).
    private var recordedText: String?

    /// The path as text, exactly, when it is UTF-8 (for output that escapes what it must itself,
    /// such as JSON); otherwise the display name.
    package var text: String {
        if let recordedText { return recordedText }
        if case .file(let path) = source, let text = path.string { return text }
        return name
    }

    /// The same input, named `path` in findings, the audit and summaries: for a job that copies
    /// archives before reading them (`partial --recorded-as`), so that they keep the paths it was given.
    package func recorded(as path: String) -> ArchiveInput {
        var input = ArchiveInput(name: RawPath(path).displayName, source: source)
        input.recordedText = path
        return input
    }

    package init(name: String, source: Source) {
        self.name = name
        self.source = source
    }

    /// A file to read, named by its display name.
    public static func file(_ path: RawPath) -> ArchiveInput {
        ArchiveInput(name: path.displayName, source: .file(path: path))
    }

    /// A file to read, from a path as text.
    public static func file(_ path: String) -> ArchiveInput { file(RawPath(path)) }

    /// An input that reports `reason` when it is read, named after `path`.
    package static func unreadable(_ path: RawPath, reason: String) -> ArchiveInput {
        ArchiveInput(name: path.displayName, source: .unreadable(reason: reason))
    }

    /// Standard input, named `-`.
    public static let standardInput = ArchiveInput(name: "-", source: .standardInput)
}
