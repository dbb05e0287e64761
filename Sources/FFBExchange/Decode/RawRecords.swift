import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

package struct RawCitizen: Sendable {
    package var cpr: Located<CPRNumber>
    package var name: Located<String>
    package var pointer: JSONPointer
}

package struct RawCase: Sendable {
    package var number: Located<String>
    package var opened: Located<LocalDate>
    package var municipalityName: Located<String>
    package var municipalityCode: Located<String>
    package var pointer: JSONPointer
}

/// One theme of an assessment or follow-up, its theme still a code or name to look up.
package struct RawEntry: Sendable {
    package var theme: Located<String>
    package var level: Located<Assessed<FunctionLevel>>?
    package var relevance: Located<AssessmentEntry.Relevance>?
    package var note: String?
    package var source: AssessmentSource?
    package var pointer: JSONPointer
    /// KL FHIR messages may leave an A&D theme without a level (it then counts as "ikke
    /// vurderet") and mark any theme inactive; native documents must say exactly what they mean.
    package var lenient: Bool

    package init(theme: Located<String>, level: Located<Assessed<FunctionLevel>>?, relevance: Located<AssessmentEntry.Relevance>?,
                note: String?, source: AssessmentSource?, pointer: JSONPointer, lenient: Bool = false) {
        self.theme = theme
        self.level = level
        self.relevance = relevance
        self.note = note
        self.source = source
        self.pointer = pointer
        self.lenient = lenient
    }
}

package struct RawAssessment: Sendable {
    package var id: Located<UUID>
    package var caseNumber: Located<String>?
    package var date: Located<LocalDate>
    package var assessor: Located<String>
    package var entries: Located<[RawEntry]>
    package var enteredInError: String?
    package var pointer: JSONPointer
}

/// An assessment document's content.
package struct RawAssessmentDocument: Sendable {
    package var citizen: RawCitizen
    package var caseFile: RawCase?
    package var assessment: RawAssessment
}

/// An extract document's content.
package struct RawExtract: Sendable {
    package var orders: [RawOrder]
    package var assessments: [RawAssessmentDocument]
    package var followUps: [RawFollowUp]
}
