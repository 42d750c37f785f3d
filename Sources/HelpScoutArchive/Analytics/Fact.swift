/// Sentinels for absent values inside facts.
package enum Fact {
    package static let none = Int64.min
}
