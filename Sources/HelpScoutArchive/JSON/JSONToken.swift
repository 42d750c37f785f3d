/// One JSON value in a `JSONTape`: where it lies in the source bytes and where its subtree ends.
package struct JSONToken: Sendable, Equatable {
    package enum Kind: UInt8, Sendable, CaseIterable { case object, array, string, number, `true`, `false`, null }

    package var kind: Kind
    /// For strings: the content holds a backslash escape, so its bytes are not its value.
    package var hasEscapes: Bool
    /// For strings: an escape names half of a UTF-16 surrogate pair without the other half. Valid
    /// JSON grammar, but the string has no UTF-8 form; decoding writes U+FFFD in its place.
    package var hasUnpairedSurrogate = false
    /// Strings: the first content byte; other values: the first byte.
    package var start: UInt32
    /// Strings: the closing quote; other values: one past the last byte.
    package var end: UInt32
    /// The index of the first token after this value and everything inside it.
    package var next: UInt32
}
