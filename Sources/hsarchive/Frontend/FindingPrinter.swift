import HelpScoutArchive

#if canImport(Glibc)
    import Glibc
#endif

/// Prints findings as `file:line: status: reason` on standard output, failures on standard error.
/// A closed pipe (`… | head`) stops the printing quietly; any other write error (a full disk) is
/// reported and ends the run with status 2, since an audit that was not written is not an audit.
final class FindingPrinter: RunObserver {
    private let output = OutputFile(descriptor: 1, name: "standard output")
    private let inputNames: [String]
    private var pipeClosed = false

    init(inputNames: [String]) { self.inputNames = inputNames }

    func record(finding: Finding) {
        print(
            "\(inputNames[finding.position.input]):\(finding.position.line): \(finding.status.rawValue): \(finding.reason)\n"
        )
    }

    func record(failure: InputFailure) {
        Diagnostics.error(Diagnostics.describe(failure, name: inputNames[failure.input]))
    }

    func print(_ text: String) {
        guard !pipeClosed else { return }
        do { try output.write(text) } catch { stop(error) }
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
        Glibc.exit(ExitStatus.failure.rawValue)
    }
}
