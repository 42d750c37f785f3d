import Foundation

/// The names a decoder has made, by person id, each with the bytes it was made from: an agent is
/// named in nearly every delivery (as the assignee, and as the author of each reply the
/// conversation embeds), and making the name (two strings unescaped and trimmed, then joined) was
/// about 3% of `report`. A name is a function of those bytes alone, so the same bytes give the
/// same name without making it again.
struct PersonNames {
    /// Beyond this many ids (hostile input names a new person in every line), the names are
    /// forgotten and kept again from the next; names longer than `longest` bytes are made each
    /// time, not kept: the memory stays under a few megabytes however long the lines.
    static let limit = 4096
    static let longest = 256

    private struct Source {
        var first: [UInt8]?
        var last: [UInt8]?
        var name: String?
    }

    private var sources: [Int64: Source] = [:]

    /// How many ids have a name kept.
    var count: Int { sources.count }

    /// The name `id` was given when its first and last name were the string tokens `first` and
    /// `last` (nil: none) of `tape`, byte for byte; `.some(nil)` for no name, nil when unknown.
    func name(of id: Int64, first: Int?, last: Int?, in tape: JSONDocument) -> String?? {
        guard let source = sources[id], Self.same(source.first, first, tape), Self.same(source.last, last, tape)
        else { return nil }
        return .some(source.name)
    }

    /// Keeps `name` as what `first` and `last` give for `id`.
    mutating func keep(_ name: String?, of id: Int64, first: Int?, last: Int?, in tape: JSONDocument) {
        let length = (first.map { tape.rawBytes($0).count } ?? 0) + (last.map { tape.rawBytes($0).count } ?? 0)
        guard length <= Self.longest else { return }
        if sources.count >= Self.limit && sources[id] == nil { sources.removeAll(keepingCapacity: true) }
        sources[id] = Source(
            first: first.map { Array(tape.rawBytes($0)) }, last: last.map { Array(tape.rawBytes($0)) }, name: name)
    }

    private static func same(_ kept: [UInt8]?, _ token: Int?, _ tape: JSONDocument) -> Bool {
        guard let kept, let token else { return kept == nil && token == nil }
        let bytes = tape.rawBytes(token)
        return bytes.count == kept.count
            && (kept.isEmpty || kept.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
    }
}
