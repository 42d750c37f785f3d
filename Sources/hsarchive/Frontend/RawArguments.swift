import HelpScoutArchive

#if canImport(Glibc)
    import Glibc
#endif

/// The command line's arguments as bytes. Swift hands arguments to the parser as `String`s, which
/// repair a name that is not UTF-8 (`\xff` becomes U+FFFD) into one that cannot be opened; paths are
/// looked up here by that repaired text to get their real bytes back.
enum RawArguments {
    /// Every argument after the program's name, as given.
    static let all: [[UInt8]] = (1..<Int(CommandLine.argc)).map { index in
        guard let argument = CommandLine.unsafeArgv[index] else { return [] }
        return Array(UnsafeBufferPointer(start: argument, count: strlen(argument)).map { UInt8(bitPattern: $0) })
    }

    /// The path the user typed that the parser gave as `text`.
    static func path(_ text: String) -> RawPath {
        guard text.unicodeScalars.contains("\u{FFFD}") else { return RawPath(text) }
        let typed = Set(all.filter { String(decoding: $0, as: UTF8.self) == text })
        // Two different names that repair to the same text cannot be told apart: keep the text.
        return typed.count == 1 ? RawPath(bytes: typed.first!) : RawPath(text)
    }

    /// An argument in which the parser found a help flag although none was asked for: a single
    /// dash and several letters, one of them `h`, such as a file named `-dash.jsonl`. Nil when help
    /// was asked for plainly (`-h`, `--help`, `help`).
    static var helpFlagInsideAnArgument: [UInt8]? {
        let plainRequests: Set<[UInt8]> = [Array("-h".utf8), Array("--help".utf8), Array("help".utf8)]
        if all.contains(where: plainRequests.contains) { return nil }
        return all.first {
            $0.count > 2 && $0[0] == UInt8(ascii: "-") && $0[1] != UInt8(ascii: "-") && $0.contains(UInt8(ascii: "h"))
        }
    }
}
