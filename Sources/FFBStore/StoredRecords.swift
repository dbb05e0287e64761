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

extension Array where Element == Stored<Goal> {
    /// The newest version of each goal series that is not entered in error, in the order the
    /// series were first recorded (`Goal.currentVersions`).
    public var currentVersions: [Goal] {
        Goal.currentVersions(self, series: { $0.value.seriesID }, version: { $0.value.version }, inError: { $0.enteredInError != nil }).map { $0.value }
    }
}
