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

/// An assessment or the levels of a follow-up, as stored.
public struct StoredAssessment: Sendable {
    public enum Kind: String, Sendable {
        case assessment
        case followUp = "follow-up"
    }

    public let id: UUID
    public let kind: Kind
    public let citizen: Pseudonym
    public let caseNumber: String?
    public let date: LocalDate
    public let assessor: String
    public let entries: [AssessmentEntry]
}

/// A follow-up as stored (its levels are in the linked `StoredAssessment`).
public struct StoredFollowUp: Sendable {
    public let id: UUID
    public let orderID: UUID
    public let assessmentID: UUID
    public let date: LocalDate
    public let supportLevel: Assessed<SupportLevel>?
    public let status: FollowUpStatus
    public let goalNotes: [FollowUp.GoalNote]
}
