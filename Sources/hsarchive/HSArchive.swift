import ArgumentParser
import CPlatform
import HelpScoutArchive

#if canImport(Glibc)
    import Glibc
#endif

/// The root command: dispatches to the subcommands and maps errors to the documented exit statuses.
struct HSArchive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hsarchive",
        abstract: "Re-verify archived Help Scout webhook deliveries and report on them.",
        discussion: """
            Secrets come from --secret-file FILE (one per line) or the environment variable \
            HELPSCOUT_WEBHOOK_SECRET, never from the command line.
            Exit status: 0 success; 1 verify (or report --strict) found forged or unsigned \
            deliveries, or no signature matched the secret; 2 usage error, no secret, an input that \
            cannot be read, a report folder or a --summary-json or --metrics-file file that is \
            refused or cannot be written, or output that cannot be written; 128 + the signal when \
            interrupted (130 for Ctrl-C).
            """,
        version: version,
        subcommands: [
            ReportCommand.self, VerifyCommand.self, EventsCommand.self, PartialCommand.self, MergeCommand.self,
        ]
    )

    /// The version `--version` prints: raised with each release of the tool.
    static let version = "0.13.0"

    /// Parses the command line, runs the command and exits with the documented status.
    static func runMain() -> Never {
        // The webhook secret is in this process's memory: no core dump may write it to disk.
        _ = hs_disable_core_dumps()
        // A write past a file-size limit fails with EFBIG, reported like a full disk, instead of
        // killing the process half-way through a report.
        signal(SIGXFSZ, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        Interrupts.install()
        let subcommands = configuration.subcommands.map { $0._commandName }
        if let problem = SubcommandCheck.problem(in: Array(CommandLine.arguments.dropFirst()), subcommands: subcommands)
        {
            Diagnostics.error(problem)
            Diagnostics.standardError.write("Usage: \(usageString())\n  See 'hsarchive --help' for more information.\n")
            Glibc.exit(ExitStatus.usage.rawValue)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            Glibc.exit(0)
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            if status == .success, let argument = RawArguments.helpFlagInsideAnArgument {
                // After any error the parser looks for a help flag among the letters of every
                // argument, so `verify -dash.jsonl` printed help and exited 0, verifying nothing.
                Diagnostics.error(
                    "'\(RawPath(bytes: argument).displayName)' is not an option; to read a file whose name starts with a dash, put -- before it"
                )
                Glibc.exit(ExitStatus.usage.rawValue)
            }
            guard status == .validationFailure else { exit(withError: error) }
            Diagnostics.standardError.write(fullMessage(for: error) + "\n")
            Glibc.exit(ExitStatus.usage.rawValue)
        }
    }
}

/// The exit statuses of README.md's table. A usage error and a failure share
/// status 2; each has a name of its own so that what a failure is can be read where it is thrown.
struct ExitStatus: Equatable {
    let rawValue: Int32

    static let success = ExitStatus(rawValue: 0)
    /// `verify` (or `report --strict`) found forged or unsigned deliveries, or no signature matched.
    static let forgedOrUnsigned = ExitStatus(rawValue: 1)
    /// The command line is wrong.
    static let usage = ExitStatus(rawValue: 2)
    /// No secret, an input that cannot be read, a report folder that is refused or cannot be
    /// written, or output that cannot be written.
    static let failure = ExitStatus(rawValue: 2)

    var code: ExitCode { ExitCode(rawValue) }
}
