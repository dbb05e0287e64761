import FFBModel
import Foundation

/// An assessment without its store-local citizen: what travels between stores.
public struct AssessmentRecord: Hashable, Sendable {
    public var id: UUID
    public var caseNumber: String?
    public var date: LocalDate
    public var assessor: String
    public var entries: [AssessmentEntry]
    /// The reason, when the sender has marked the assessment entered in error.
    public var enteredInError: String?

    public init(id: UUID, caseNumber: String?, date: LocalDate, assessor: String, entries: [AssessmentEntry], enteredInError: String? = nil) {
        self.id = id
        self.caseNumber = caseNumber
        self.date = date
        self.assessor = assessor
        self.entries = entries
        self.enteredInError = enteredInError
    }

    public init(_ assessment: Assessment, enteredInError: String? = nil) {
        self.init(id: assessment.id, caseNumber: assessment.caseNumber, date: assessment.date, assessor: assessment.assessor,
                  entries: assessment.entries, enteredInError: enteredInError)
    }

    public func assessment(citizen: Pseudonym) throws(ModelError) -> Assessment {
        try Assessment(id: id, citizen: citizen, caseNumber: caseNumber, date: date, assessor: assessor, entries: entries)
    }
}
