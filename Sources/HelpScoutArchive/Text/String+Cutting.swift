extension String {
    /// The text if it has at most `limit` characters; else its first `limit`, cut back to a space
    /// when there is one in their second half (so no word is cut), then `…`.
    func cutAtWord(limit: Int) -> String {
        guard count > limit else { return self }
        var kept = prefix(limit)
        if let space = kept.lastIndex(of: " "), kept.distance(from: kept.startIndex, to: space) >= limit / 2 {
            kept = kept[..<space]
        }
        while kept.last == " " { kept = kept.dropLast() }
        return String(kept) + "…"
    }
}
