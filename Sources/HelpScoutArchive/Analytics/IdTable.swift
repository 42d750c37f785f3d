/// Dense 32-bit indices for the agent and mailbox ids facts refer to, so each fact stays small.
package struct IdTable: Sendable {
    package static let none: Int32 = -1

    package private(set) var ids: [Int64] = []
    private var indices: [Int64: Int32] = [:]

    package init() {}

    /// The index of `id`, adding it when new; `none` for nil.
    package mutating func intern(_ id: Int64?) -> Int32 {
        guard let id else { return Self.none }
        if let index = indices[id] { return index }
        let index = Int32(ids.count)
        ids.append(id)
        indices[id] = index
        return index
    }

    /// The id at `index`, nil for `none`.
    package func id(_ index: Int32) -> Int64? { index < 0 ? nil : ids[Int(index)] }
}
