import HelpScoutArchive

/// What the argument parser lets pass with status 0 although nothing was done: a bare `hsarchive`,
/// `hsarchive help bogus`; and a mistyped subcommand, which it calls unexpected arguments. A cron
/// job must see a failure, and a person the subcommand they meant.
enum SubcommandCheck {
    /// The problem with the command line's subcommand, or nil when there is none to report here.
    /// - Parameters:
    ///   - arguments: the arguments after the program's name.
    ///   - subcommands: the names of the subcommands.
    static func problem(in arguments: [String], subcommands: [String]) -> String? {
        let names =
            "the subcommands are " + subcommands.dropLast().joined(separator: ", ") + " and "
            + (subcommands.last ?? "")
        guard let first = arguments.first else { return "a subcommand is needed (\(names))" }
        let typed: String
        if first == "help" {
            guard arguments.count > 1, !subcommands.contains(arguments[1]) else { return nil }
            typed = arguments[1]
        } else {
            guard !first.hasPrefix("-"), !subcommands.contains(first) else { return nil }
            typed = first
        }
        let guess = NearestName.find(typed, among: subcommands).map { "; did you mean \($0)?" } ?? ""
        return "there is no subcommand '\(typed.displaySafe)'\(guess) (\(names))"
    }
}
