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
        let guess = nearest(typed, among: subcommands).map { "; did you mean \($0)?" } ?? ""
        return "there is no subcommand '\(typed.displaySafe)'\(guess) (\(names))"
    }

    /// The subcommand within two edits of `typed`, the nearest first.
    static func nearest(_ typed: String, among subcommands: [String]) -> String? {
        let near = subcommands.map { ($0, editDistance(typed.lowercased(), $0)) }.filter { $0.1 <= 2 }
        return near.min(by: { $0.1 < $1.1 })?.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions of characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
