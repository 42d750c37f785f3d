extension String {
    /// Trimmed and lower-cased, without copying what already is: how tag names and rating words
    /// are compared.
    var normalisedTag: String {
        let trimmed = self.trimmed
        if trimmed.utf8.allSatisfy({ $0 < 0x80 && !($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z")) }) {
            return trimmed
        }
        return trimmed.lowercased()
    }
}
