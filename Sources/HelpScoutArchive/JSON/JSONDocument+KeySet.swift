extension JSONDocument {
    /// The values of the keys of `set` in the object at `object`, read in one pass over its members
    /// (none when it is not an object).
    func members(_ object: Int, _ set: JSONKeySet) -> MemberSlots {
        var values = MemberSlots()
        forEachMember(object) { key, value in
            if let position = set.index(of: key, in: self) { values.set(position, value) }
        }
        return values
    }
}
