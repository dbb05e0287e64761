import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

package struct RawTargetGroup: Sendable {
    package var code: Located<String>
    package var isPrimary: Bool
    package var pointer: JSONPointer
    /// Where the primary flag is (a member in native documents, a ConditionRank in FHIR).
    package var primaryPointer: JSONPointer

    package init(code: Located<String>, isPrimary: Bool, pointer: JSONPointer, primaryPointer: JSONPointer? = nil) {
        self.code = code
        self.isPrimary = isPrimary
        self.pointer = pointer
        self.primaryPointer = primaryPointer ?? pointer.appending("primary")
    }
}

package struct RawOrderTerms: Sendable {
    package var id: Located<UUID>
    package var services: Located<[Located<String>]>
    package var offerType: Located<String>?
    package var targetGroups: Located<[RawTargetGroup]>
    package var provider: RawParty
    package var payer: RawParty?
    package var supportLevel: Located<Assessed<SupportLevel>>
    package var issued: Located<LocalDate>
    package var start: Located<LocalDate>
    package var followUpDate: Located<LocalDate>?
    package var pointer: JSONPointer
}

package struct RawGoal: Sendable {
    package var id: Located<UUID>
    package var seriesID: Located<UUID>
    package var version: Located<Int>
    package var supersedes: Located<UUID>?
    package var primaryTheme: Located<String>
    package var secondaryThemes: [Located<String>]
    package var type: Located<GoalType>
    package var expectedLevel: Located<FunctionLevel>
    package var description: Located<String>
    package var followUpDate: Located<LocalDate>?
    package var enteredInError: String?
    package var pointer: JSONPointer
}

/// An order document's content.
package struct RawOrder: Sendable {
    package var citizen: RawCitizen
    package var caseFile: RawCase
    package var assessments: [RawAssessment]
    package var order: RawOrderTerms
    package var goals: [RawGoal]
    package var pointer: JSONPointer
    /// What the order carries beyond the FFB records: contact data, purpose, payer account, a kept KL message.
    package var extras: RawOrderExtras? = nil
}

/// The citizen's contact data, the purpose and payer account, and for a KL order message every
/// resource as it came.
package struct RawOrderExtras: Sendable {
    package var contact: CitizenContact?
    package var details: OrderDetails?
    package var kept: KeptMessage?
}

package struct RawGoalEvaluation: Sendable {
    package var goalSeries: Located<UUID>
    package var note: Located<String>
}

/// A follow-up report's content.
package struct RawFollowUp: Sendable {
    package var id: Located<UUID>
    package var orderID: Located<UUID>
    package var date: Located<LocalDate>
    package var author: Located<String>
    package var status: Located<FollowUpStatus>
    package var supportLevel: Located<Assessed<SupportLevel>>?
    package var entries: Located<[RawEntry]>
    package var goalEvaluations: [RawGoalEvaluation]
    package var pointer: JSONPointer
}
