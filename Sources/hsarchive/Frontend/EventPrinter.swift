import HelpScoutArchive

#if canImport(Glibc)
    import Glibc
#endif

/// Writes events as they arrive; exits quietly when the reader of standard output goes away.
final class EventPrinter: RunObserver {
    private let output = OutputFile(descriptor: 1, name: "standard output")
    /// Standard output is a terminal, where a progress line may be drawn: each line is written at
    /// once, after the progress line is rubbed out.
    private let outputIsTerminal = isatty(1) == 1
    private let inputNames: [String]
    /// The names in the `file` column: JSON carries a file's real name (JSON's escapes keep it
    /// exact and safe), CSV the display-safe one.
    private let fileColumn: [String]
    private let format: EventsCommand.Format
    private let types: Set<String>
    private let since: Timestamp?
    private let until: Timestamp?

    init(inputs: [ArchiveInput], format: EventsCommand.Format, types: Set<String>, since: Timestamp?, until: Timestamp?)
    {
        inputNames = inputs.map(\.name)
        fileColumn = format == .csv ? inputNames : inputs.map(\.text)
        self.format = format
        self.types = types
        self.since = since
        self.until = until
        if format == .csv { write(CSVWriter.row(EventRecord.columns)) }
    }

    /// Every conversation a verified event concerned, printed or not, for the run's summary.
    private var conversations = Set<Int64>()
    var conversationCount: Int? { conversations.count }

    func record(event: DecodedEvent, at position: ArchivePosition) {
        if let id = event.payload.conversationId { conversations.insert(id) }
        if !types.isEmpty && !types.contains(event.type.name) { return }
        if let since, event.time < since { return }
        if let until, event.time >= until { return }
        let record = EventRecord(event, file: fileColumn[position.input], line: position.line)
        write(format == .csv ? record.csvRow() : record.jsonLine())
    }

    func record(failure: InputFailure) {
        Diagnostics.error(Diagnostics.describe(failure, name: inputNames[failure.input]))
    }

    private func write(_ text: String) {
        do {
            try output.write(text)
            if outputIsTerminal { try ProgressLine.clearingLine(output.flush) }
        } catch { Self.quit(error) }
    }

    func close() {
        do { try output.flush() } catch { Self.quit(error) }
    }

    /// A closed pipe (`… | head`) ends the run quietly with status 0; another write error is reported.
    private static func quit(_ error: OutputFile.WriteError) -> Never {
        if error != .brokenPipe { Diagnostics.error("\(error.message); the events printed are incomplete") }
        RunRecording.endEarly(
            status: error == .brokenPipe ? .success : .failure,
            reason: error == .brokenPipe ? "the reader of the output went away" : error.message)
    }
}
