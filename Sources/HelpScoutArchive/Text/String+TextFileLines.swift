extension String {
    /// The lines of a small text file a person wrote (a secret file, a holidays file), numbered from
    /// 1: a leading byte-order mark dropped, and `\n`, `\r\n` or a lone `\r` ending a line, so a file
    /// saved on Windows or an old Mac reads the same.
    package var textFileLines: [(number: Int, text: Substring)] {
        let text = hasPrefix("\u{FEFF}") ? dropFirst() : self[...]
        return text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        )
        .enumerated().map { (number: $0.offset + 1, text: $0.element) }
    }
}
