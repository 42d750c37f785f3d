/// A line that is not a verified event, with why: what `verify` prints and `audit.csv` lists.
public struct Finding: Sendable, Equatable {
    /// The most characters of a delivery id or event type a finding keeps from an archive: enough
    /// for any real one, and a hostile megabyte id cannot bloat the audit.
    package static let maxFieldLength = 200

    /// The reason without the values it quotes or the numbers it gives (`line is not valid UTF-8
    /// (byte N)`): what findings are rolled up by. A number inside a word (`base64`, `20-byte`) is
    /// part of the reason and stays.
    package var reasonKind: String {
        let bytes = Array(reason.utf8)
        // ASCII without a CR LF pair is one character a byte: the same walk over the bytes, without
        // breaking the text into characters (every finding with a reason of its own comes here).
        if bytes.allSatisfy({ $0 < 0x80 })
            && !bytes.indices.dropFirst().contains(where: { bytes[$0 - 1] == 0x0D && bytes[$0] == 0x0A })
        {
            return Self.kind(ofASCII: bytes)
        }
        let characters = Array(reason)
        var kind = ""
        var index = 0
        func isDigit(_ at: Int) -> Bool { at < characters.count && characters[at].isASCII && characters[at].isNumber }
        while index < characters.count {
            let character = characters[index]
            if character == "\"" {
                index += 1
                while index < characters.count && characters[index] != "\"" {
                    index += characters[index] == "\\" ? 2 : 1
                }
                kind += "\"…\""
                index += 1
                continue
            }
            let startsWord = index == 0 || " (".contains(characters[index - 1])
            if isDigit(index) && startsWord {
                var end = index
                while isDigit(end) { end += 1 }
                if end == characters.count || " ),:;.".contains(characters[end]) {
                    kind += "N"
                    index = end
                    continue
                }
            }
            kind.append(character)
            index += 1
        }
        return kind
    }

    /// `reasonKind` of a reason in ASCII without a CR LF pair, byte by byte.
    private static func kind(ofASCII characters: [UInt8]) -> String {
        var kind: [UInt8] = []
        kind.reserveCapacity(characters.count)
        var index = 0
        func isDigit(_ at: Int) -> Bool { at < characters.count && characters[at] &- UInt8(ascii: "0") < 10 }
        func isOneOf(_ byte: UInt8, _ set: StaticString) -> Bool {
            set.withUTF8Buffer { $0.contains(byte) }
        }
        while index < characters.count {
            let character = characters[index]
            if character == UInt8(ascii: "\"") {
                index += 1
                while index < characters.count && characters[index] != UInt8(ascii: "\"") {
                    index += characters[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                kind += "\"…\"".utf8
                index += 1
                continue
            }
            let startsWord = index == 0 || isOneOf(characters[index - 1], " (")
            if isDigit(index) && startsWord {
                var end = index
                while isDigit(end) { end += 1 }
                if end == characters.count || isOneOf(characters[end], " ),:;.") {
                    kind.append(UInt8(ascii: "N"))
                    index = end
                    continue
                }
            }
            kind.append(character)
            index += 1
        }
        return String(decoding: kind, as: UTF8.self)
    }

    static func capped(_ text: String) -> String {
        text.count <= maxFieldLength ? text : String(text.prefix(maxFieldLength)) + "…"
    }

    /// Where the line is.
    public var position: ArchivePosition
    /// The status it got: forged, unsigned, malformed or undecodable.
    public var status: DeliveryStatus
    /// Why, in a sentence.
    public var reason: String
    /// The delivery's `id` when the line gave one, display-safe and capped.
    public var deliveryId: String?
    /// The event type the line claims, display-safe and capped.
    public var eventType: String?
    /// The delivery's `receivedAt`, when the line gave a valid one.
    public var receivedAt: Timestamp?

    /// A finding whose texts are made `displaySafe`: the delivery id and event type come from
    /// unauthenticated lines, and every output shows them to people.
    package init(
        position: ArchivePosition, status: DeliveryStatus, reason: String,
        deliveryId: String? = nil, eventType: String? = nil, receivedAt: Timestamp? = nil
    ) {
        self.receivedAt = receivedAt
        self.position = position
        self.status = status
        self.reason = reason.displaySafe
        self.deliveryId = deliveryId?.displaySafe
        self.eventType = eventType?.displaySafe
    }
}
