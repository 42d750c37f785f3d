import ArgumentParser
import Foundation
import HelpScoutArchive

/// The options every subcommand that reads archives shares.
struct RunOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Archives to read: files (gzip or plain JSON lines), directories (searched for *.jsonl, *.ndjson, *.jsonl.gz, *.ndjson.gz) or - for standard input.",
        valueName: "archive"))
    var archives: [String] = []

    @Option(name: .customLong("secret-file"), help: ArgumentHelp(
        "A file with the webhook secret, one per line (several during a key rotation). Default: the environment variable HELPSCOUT_WEBHOOK_SECRET.",
        valueName: "file"))
    var secretFile: String?

    @Option(help: "Threads to use (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard !archives.isEmpty else {
            throw ValidationError("Give at least one archive: a file, a directory, or - for standard input.")
        }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1.") }
    }

    /// The keyring, after printing any warning about the secret file.
    /// - Throws: `ExitCode(2)` after printing why there is no usable secret.
    func loadKeyring() throws -> SecretKeyring {
        do {
            let (keyring, warnings) = try SecretKeyring.load(secretFile: secretFile, environment: ProcessInfo.processInfo.environment)
            for warning in warnings { Diagnostics.warning(warning) }
            return keyring
        } catch {
            Diagnostics.error(error.message)
            throw ExitStatus.usage.code
        }
    }

    /// The archives named on the command line, directories expanded.
    func inputs() -> [ArchiveInput] { InputDiscovery.archives(for: archives) }

    /// - Parameter detail: how much of each body the command needs decoded.
    func pipeline(keyring: SecretKeyring, inputs: [ArchiveInput], detail: BodyDecoder.Detail) -> ArchivePipeline {
        ArchivePipeline(inputs: inputs, keyring: keyring, options: .init(jobs: jobs, detail: detail))
    }
}
