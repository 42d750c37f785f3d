/// Why a partial file is refused: `merge` names the file and says this, and writes nothing.
public struct PartialFileError: Error, Equatable {
    /// What is wrong inside a partial's bytes.
    package enum Damage: Error, Equatable {
        case recordCutShort
        case badNumber
        case badReference
        case badText
        case unknownRecord(UInt8)
        case outOfOrder(String)
    }

    /// The file as people know it.
    public var name: String
    /// Why, in words.
    public var reason: String

    package init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    package init(name: String, damage: Damage) {
        self.name = name
        switch damage {
        case .recordCutShort: reason = "a record is cut short: the file is damaged"
        case .badNumber: reason = "a number is out of range: the file is damaged"
        case .badReference: reason = "a string refers to nothing: the file is damaged"
        case .badText: reason = "a string is not UTF-8: the file is damaged"
        case .unknownRecord(let kind): reason = "unknown record kind \(kind): the file is damaged"
        case .outOfOrder(let what): reason = "\(what): the file is damaged"
        }
    }

    /// A sentence for a message.
    public var message: String { "cannot merge the partial \(name): \(reason)" }
}
