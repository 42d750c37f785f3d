/// What a run read of one input: for the run's summary and an auditor's record.
public struct InputRecord: Sendable, Equatable {
    /// The name findings show (display-safe).
    public var name: String
    /// The path exactly as text when it is UTF-8, else the display name; `-` for standard input.
    public var path: String
    /// The bytes read and their SHA-256.
    public var digest: InputDigest
    /// Lines read, blank ones included.
    public var lines: Int
    /// What stopped the input before its end; `nil` when it was read to the end.
    public var error: ArchiveReadError?

    /// Whether the input was read to its end.
    public var isComplete: Bool { error == nil }

    /// An input as a partial recorded it, before what was read of it is filled in.
    package init(name: String, path: String) {
        self.name = name
        self.path = path
        digest = .nothingRead(hashed: false)
        lines = 0
        error = nil
    }

    package init(input: ArchiveInput) {
        name = input.name
        path = input.text
        digest = .nothingRead(hashed: false)
        lines = 0
        error = nil
    }
}
