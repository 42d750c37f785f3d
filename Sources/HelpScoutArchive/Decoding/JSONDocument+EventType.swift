extension JSONDocument {
    /// The event type the string at `index` names, with white space around it ignored when
    /// `trimmed`; nil when it is not a string or names nothing. Known names allocate nothing.
    func eventType(_ index: Int?, trimmed: Bool = false) -> EventType? {
        guard let index, kind(index) == .string else { return nil }
        let raw = rawBytes(index)
        func isPlain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
        if !tokens[index].hasEscapes, let first = raw.first, let last = raw.last,
            !trimmed || (isPlain(first) && isPlain(last))
        {
            return EventType(name: raw)
        }
        let name = trimmed ? decodedString(index).trimmed : decodedString(index)
        return name.isEmpty ? nil : EventType(name: name)
    }
}
