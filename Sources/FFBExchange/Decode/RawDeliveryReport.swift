import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

/// One social indsats (CarePlan) of a DeliveryReport, its codes not yet looked up.
package struct RawIntervention: Sendable {
    package var caseNumber: Located<String>
    package var terms: RawOrderTerms
    package var supportLevelDate: LocalDate?
    package var ended: Located<LocalDate>?
    package var goals: [RawGoal]
    package var replacedGoals: [UUID: UUID]
    package var enteredInError: String?
}

/// A DeliveryReport's content.
package struct RawDeliveryReport: Sendable {
    package var citizen: RawCitizen
    package var cases: [RawCase]
    package var assessments: [RawAssessment]
    package var interventions: [RawIntervention]
    package var followUps: [RawFollowUp]
    /// Follow-ups (FollowUp Observations) the sender withdrew: id → reason.
    package var withdrawnFollowUps: [UUID: String]
    package var partialAssessments: Set<UUID>
}
