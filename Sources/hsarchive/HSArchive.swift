import ArgumentParser
import HelpScoutArchive

#if canImport(Glibc)
import Glibc
#endif

/// The root command: dispatches to the subcommands and maps errors to the spec's exit statuses.
struct HSArchive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hsarchive",
        abstract: "Re-verify archived Help Scout webhook deliveries and report on them.",
        discussion: """
            Secrets come from --secret-file FILE (one per line) or the environment variable \
            HELPSCOUT_WEBHOOK_SECRET, never from the command line.
            Exit status: 0 success; 1 verify found forged or unsigned deliveries; 2 usage error, \
            no secret, or an input that cannot be read.
            """,
        subcommands: [ReportCommand.self, VerifyCommand.self, EventsCommand.self]
    )

    /// Parses the command line, runs the command and exits with the spec's status.
    static func runMain() -> Never {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
            Glibc.exit(0)
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let status = exitCode(for: error)
            guard status == .validationFailure else { exit(withError: error) }
            Diagnostics.standardError.write(fullMessage(for: error) + "\n")
            Glibc.exit(ExitStatus.usage.rawValue)
        }
    }
}

/// The spec's exit statuses (section 6).
enum ExitStatus: Int32 {
    case success = 0
    case forgedOrUnsigned = 1
    case usage = 2

    var code: ExitCode { ExitCode(rawValue) }
}
