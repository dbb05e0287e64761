import FFBCatalog
import FFBModel
import Foundation

/// Who recorded something, when, and with which command.
public struct WriteInfo: Hashable, Sendable {
    public let id: Int64
    public let at: String
    public let user: String
    public let command: String
}

/// A record as the store holds it: the domain value plus its audit trail and error mark.
public struct Stored<Value: Sendable>: Sendable {
    public let value: Value
    public let recorded: WriteInfo
    /// The reason, when the record was marked entered in error.
    public let enteredInError: String?
}
