import HelpScoutArchive

#if canImport(Glibc)
    import Glibc
#endif

/// Prints findings on standard output, as `file:line: status: reason` or as JSON lines, and failures
/// on standard error.
/// A closed pipe (`… | head`) stops the printing quietly; any other write error (a full disk) is
/// reported and ends the run with status 2, since an audit that was not written is not an audit.
final class FindingPrinter: RunObserver {
    private let output = OutputFile(descriptor: 1, name: "standard output")
    /// Standard output is a terminal, where a progress line may be drawn: each line is written at
    /// once, after the progress line is rubbed out.
    private let outputIsTerminal = isatty(1) == 1
    private let inputNames: [String]
    /// The names JSON lines carry: a file's real name where it is UTF-8 (JSON's escapes keep it
    /// safe), as `events` does.
    private let jsonNames: [String]?
    private var pipeClosed = false

    init(inputs: [ArchiveInput], json: Bool) {
        inputNames = inputs.map(\.name)
        jsonNames = json ? inputs.map(\.text) : nil
    }

    func record(finding: Finding) {
        if let jsonNames {
            print(finding.jsonLine(file: jsonNames[finding.position.input]))
            return
        }
        print(
            "\(inputNames[finding.position.input]):\(finding.position.line): \(finding.status.rawValue): \(finding.reason)\n"
        )
    }

    func record(failure: InputFailure) {
        Diagnostics.error(Diagnostics.describe(failure, name: inputNames[failure.input]))
    }

    func print(_ text: String) {
        guard !pipeClosed else { return }
        do {
            try output.write(text)
            if outputIsTerminal { try ProgressLine.clearingLine(output.flush) }
        } catch { stop(error) }
    }

    func close() {
        guard !pipeClosed else { return }
        do { try output.flush() } catch { stop(error) }
    }

    private func stop(_ error: OutputFile.WriteError) {
        guard error != .brokenPipe else {
            pipeClosed = true
            return
        }
        Diagnostics.error("\(error.message); the audit is incomplete")
        RunRecording.endEarly(status: .failure, reason: error.message)
    }
}
