/// What a run was, beyond its counts: which command with which options, when, and how it ended.
/// `summary.json` and the metrics file are renderings of it and of the run's `RunSummary`.
package struct RunDescription: Sendable {
    /// An option's value as `summary.json` writes it.
    package enum OptionValue: Sendable, Equatable {
        case text(String?)
        case number(Int)
        case flag(Bool)
        case list([String])
    }

    package var version: String
    /// `report`, `verify` or `events`.
    package var command: String
    package var startedAt: Timestamp
    package var finishedAt: Timestamp
    /// The exit status the run ends with.
    package var exitStatus: Int32
    /// Why the run ended before reading its inputs to the end, if it did.
    package var stopped: String?
    /// The options that shaped the output, in the order to write them; never a secret.
    package var options: [(name: String, value: OptionValue)]
    /// The partials `merge` read, in order; empty for every other command.
    package var partials: [MergedPartial] = []

    package init(
        version: String, command: String, startedAt: Timestamp, finishedAt: Timestamp, exitStatus: Int32,
        stopped: String? = nil, options: [(name: String, value: OptionValue)]
    ) {
        self.stopped = stopped
        self.version = version
        self.command = command
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.exitStatus = exitStatus
        self.options = options
    }

    /// Seconds from start to finish.
    package var durationSeconds: Double { Double(finishedAt.milliseconds - startedAt.milliseconds) / 1000 }
}
