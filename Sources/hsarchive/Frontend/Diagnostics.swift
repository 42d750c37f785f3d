import HelpScoutArchive

#if canImport(Glibc)
    import Glibc
#endif

/// Messages for people, on standard error; results go to standard output.
enum Diagnostics {
    static let standardError = ErrorStream()

    static func error(_ message: String) { standardError.write("hsarchive: error: \(message)\n") }
    static func warning(_ message: String) { standardError.write("hsarchive: warning: \(message)\n") }
    /// A note for a person watching the run; `--quiet` leaves them out (cron mails whatever is printed).
    static func note(_ message: String) {
        guard !isQuiet else { return }
        standardError.write("hsarchive: \(message)\n")
    }

    /// Set from `--quiet` before the run starts, and read only after.
    nonisolated(unsafe) static var isQuiet = false

    /// The message for an input that could not be read to its end.
    static func describe(_ failure: InputFailure, name: String) -> String {
        switch failure.error {
        case .cannotOpen, .notReadable:
            return "\(name): \(failure.error.message)"
        default:
            return
                "\(name):\(failure.lineReached): \(failure.error.message); the lines before line \(failure.lineReached) were read"
        }
    }

    /// Unbuffered writes to standard error.
    final class ErrorStream: @unchecked Sendable {
        func write(_ text: String) {
            var text = text
            ProgressLine.clearingLine {
                text.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
            }
        }
    }
}

extension RunSummary {
    /// Warns about inputs that are probably not what the user meant: every line malformed, or an
    /// empty standard input (what `zcat missing.gz | hsarchive verify -` reads).
    func warnAboutInputs() {
        for input in inputsAllMalformed {
            Diagnostics.warning(
                "\(inputs[input].name): every line is malformed; is it an archive of webhook deliveries (JSON lines, plain or gzip)?"
            )
        }
        for input in emptyInputs where inputs[input].path == "-" {
            Diagnostics.warning(
                "standard input was empty, so nothing was read from it; if it came from a pipe, check the command before hsarchive (set -o pipefail makes the shell report its failure)"
            )
        }
    }

    /// Explains, on standard error, a run whose results must not be taken as a success: nothing
    /// could be read, or no signature matched any secret. Returns whether it did.
    func explainUntrustworthyRun(keys: Int, consequence: String) -> Bool {
        if readNothing {
            Diagnostics.error("no input could be read, so nothing was checked; \(consequence)")
            return true
        }
        if noSignatureMatched {
            let secrets = keys == 1 ? "the configured secret" : "any of the \(keys) configured secrets"
            Diagnostics.error(
                "not one of the \(signatures.mismatched) signatures matched \(secrets): the secret is probably wrong, "
                    + "not every delivery forged; check --secret-file or \(SecretKeyring.environmentVariable) (during a key rotation, "
                    + "put each secret on a line of its own); \(consequence)")
            return true
        }
        return false
    }

    /// `12 lines in 2 inputs: 10 verified, 1 duplicate, 1 forged, 0 unsigned, 0 malformed, 0 undecodable`.
    var oneLine: String {
        let counts = DeliveryStatus.allCases.map { "\(count($0)) \($0.rawValue)" }.joined(separator: ", ")
        var line =
            "\(total) line\(total == 1 ? "" : "s") in \(inputCount) input\(inputCount == 1 ? "" : "s"): \(counts)"
        if !failures.isEmpty {
            line += "; \(failures.count) input\(failures.count == 1 ? "" : "s") could not be read to the end"
        }
        return line
    }

    /// The exit status of a run: 2 when an input could not be read, else 1 when no signature
    /// matched any secret, or when `strict` and anything was forged or unsigned, else 0.
    func exitStatus(failingOnForgeries strict: Bool) -> ExitStatus {
        if !failures.isEmpty { return .failure }
        if noSignatureMatched { return .forgedOrUnsigned }
        if strict && count(.forged) + count(.unsigned) > 0 { return .forgedOrUnsigned }
        return .success
    }
}
