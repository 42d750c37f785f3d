import Foundation

/// Makes hostile inputs from seeds: byte flips, cuts, repeats, splices, and pieces of JSON and gzip
/// that parsers get wrong (escapes, surrogates, deep nesting, huge numbers, duplicate keys).
struct Mutator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private static let pieces: [[UInt8]] =
        [
            "\"", "\\", "\\u", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u0000", "\\\"", "\\\\\\\"", "{", "}", "[",
            "]", ",", ":",
            "{\"a\":", String(repeating: "[", count: 70), String(repeating: "{\"a\":", count: 70), "1e999", "-0", "0.",
            "01",
            String(repeating: "9", count: 400), "true", "null", "\"headers\":{}", "\"body\":\"",
            "\"isBase64Encoded\":true",
            "\"X-HelpScout-Signature\":", "\"X-HelpScout-Event\":\"convo.created\"", "\"eventType\":", "\"object\":",
            "\"createdAt\":\"2026-13-45T99:99:99+99:99\"", "\"id\":\"abc\"", "\"id\":", "\r\n", "\n", "\t", " ",
        ].map { Array($0.utf8) } + [
            [0x00], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x1F, 0x8B, 0x08],
        ]

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ limit: Int) -> Int { limit <= 0 ? 0 : Int(next() % UInt64(limit)) }

    /// One to five mutations of `seed`, sometimes spliced with `other`.
    mutating func mutate(_ seed: [UInt8], other: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0...below(5) {
            let at = below(bytes.count + 1)
            switch below(8) {
            case 0 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] ^= UInt8(1 << below(8))
            case 1 where !bytes.isEmpty:
                bytes[min(at, bytes.count - 1)] = UInt8(truncatingIfNeeded: next())
            case 2:
                bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(64)))
            case 3:
                let end = min(bytes.count, at + 1 + below(256))
                bytes.insert(contentsOf: bytes[at..<end], at: below(bytes.count + 1))
            case 4:
                let cut = below(other.count + 1)
                bytes = Array(bytes[0..<at]) + Array(other[cut...])
            case 5:
                bytes = Array(bytes.prefix(at))
            default:
                bytes.insert(contentsOf: Self.pieces[below(Self.pieces.count)], at: at)
            }
        }
        return bytes.count > 1 << 16 ? Array(bytes.prefix(1 << 16)) : bytes
    }
}
