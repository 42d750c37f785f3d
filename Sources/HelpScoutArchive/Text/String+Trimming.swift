extension String {
    /// The string without leading and trailing white space (Unicode's White_Space); no work when
    /// there is none.
    package var trimmed: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !first.isWhiteSpace && !last.isWhiteSpace { return self }
        return String(scalars.trimming(while: \.isWhiteSpace))
    }
}
