import FFBCatalog
import Foundation

/// An assessment or the levels of a follow-up, as recorded (the store's and the exchange's view:
/// a follow-up's levels are an assessment of kind `followUp`).
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

    package init(id: UUID, kind: Kind, citizen: Pseudonym, caseNumber: String?, date: LocalDate, assessor: String, entries: [AssessmentEntry]) {
        self.id = id
        self.kind = kind
        self.citizen = citizen
        self.caseNumber = caseNumber
        self.date = date
        self.assessor = assessor
        self.entries = entries
    }
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
    /// The next follow-up this one planned, if it planned one.
    public let nextFollowUp: LocalDate?

    package init(id: UUID, orderID: UUID, assessmentID: UUID, date: LocalDate, supportLevel: Assessed<SupportLevel>?,
                 status: FollowUpStatus, goalNotes: [FollowUp.GoalNote], nextFollowUp: LocalDate? = nil) {
        self.id = id
        self.orderID = orderID
        self.assessmentID = assessmentID
        self.date = date
        self.supportLevel = supportLevel
        self.status = status
        self.goalNotes = goalNotes
        self.nextFollowUp = nextFollowUp
    }
}
