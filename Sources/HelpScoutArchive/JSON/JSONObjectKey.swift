/// The keys of one kind of JSON object, to read in one pass with a `JSONKeySet`: a case's raw value
/// is its position among `allCases`, which is its position in the set and its slot in `MemberSlots`,
/// so the set is built from the cases and cannot disagree with them.
protocol JSONObjectKey: CaseIterable, RawRepresentable where RawValue == Int {
    /// The key as the JSON spells it.
    var key: StaticString { get }
}
