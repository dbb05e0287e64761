import Foundation

/// A municipality (kommune): a name and its four-digit kommunekode.
public struct Municipality: Hashable, Sendable {
    public let name: String
    public let code: String

    public init(name: String, code: String) throws(ModelError) {
        let trimmed = name.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .invalid("municipality name is empty") }
        guard code.utf8.count == 4, code.utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw .invalid("municipality code \"\(code)\" is not a four-digit kommunekode")
        }
        self.name = trimmed
        self.code = code
    }
}

/// An organisation taking part in an order: a provider, a payer, a sender or receiver.
public struct Organization: Hashable, Sendable {
    public let name: String
    /// The organisation's identifier in the sender's world (SOR, CVR, kommunekode, ...).
    public let identifier: String

    public init(name: String, identifier: String) throws(ModelError) {
        let name = name.trimmingSpaces()
        let identifier = identifier.trimmingSpaces()
        guard !name.isEmpty else { throw .invalid("organisation name is empty") }
        guard !identifier.isEmpty else { throw .invalid("organisation \"\(name)\" has no identifier") }
        self.name = name
        self.identifier = identifier
    }
}
