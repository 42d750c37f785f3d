extension String {
    /// Text from an archive made safe inside Markdown (outside code spans): hidden and control
    /// characters, line breaks included, written as visible escapes (`displaySafe`), then no table
    /// pipes, no markup, no HTML, at most `limit` characters. A backslash, the escapes' own included,
    /// is written `\\`, so the same text reads the same in every table, in a pager as on GitHub.
    /// Text cut short ends at a space when there is one in its second half, so no word is cut.
    func escapedForMarkdown(limit: Int = 60) -> String {
        var result = ""
        for character in displaySafe.cutAtWord(limit: limit) {
            switch character {
            case "|", "\\", "`", "*", "_", "[", "]", "#", "~": result += "\\" + String(character)
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "&": result += "&amp;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `escapedForMarkdown` for a file name and line, which keeps the line number and the end of
    /// the name (`…/2026-10/2026-10-05.jsonl.gz:23`) when it is too long.
    func escapedForMarkdown(place line: Int, limit: Int) -> String {
        let safe = displaySafe
        let suffix = ":\(line)"
        let room = limit - suffix.count
        let name = safe.count > room ? "…" + String(safe.suffix(room - 1)) : safe
        return (name + suffix).escapedForMarkdown(limit: .max)
    }
}
