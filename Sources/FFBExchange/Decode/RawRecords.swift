import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

public struct RawCitizen: Sendable {
    public var cpr: Located<CPRNumber>
    public var name: Located<String>
    public var pointer: JSONPointer

    public init(cpr: Located<CPRNumber>, name: Located<String>, pointer: JSONPointer) {
        self.cpr = cpr
        self.name = name
        self.pointer = pointer
    }
}

public struct RawCase: Sendable {
    public var number: Located<String>
    public var opened: Located<LocalDate>
    public var municipalityName: Located<String>
    public var municipalityCode: Located<String>
    public var pointer: JSONPointer

    public init(number: Located<String>, opened: Located<LocalDate>, municipalityName: Located<String>, municipalityCode: Located<String>, pointer: JSONPointer) {
        self.number = number
        self.opened = opened
        self.municipalityName = municipalityName
        self.municipalityCode = municipalityCode
        self.pointer = pointer
    }
}

/// One theme of an assessment or follow-up, its theme still a code or name to look up.
public struct RawEntry: Sendable {
    public var theme: Located<String>
    public var level: Located<Assessed<FunctionLevel>>?
    public var relevance: Located<AssessmentEntry.Relevance>?
    public var note: String?
    public var source: AssessmentSource?
    public var pointer: JSONPointer
    /// KL FHIR messages may leave an A&D theme without a level (it then counts as "ikke
    /// vurderet") and mark any theme inactive; native documents must say exactly what they mean.
    public var lenient: Bool

    public init(theme: Located<String>, level: Located<Assessed<FunctionLevel>>?, relevance: Located<AssessmentEntry.Relevance>?,
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

public struct RawAssessment: Sendable {
    public var id: Located<UUID>
    public var caseNumber: Located<String>?
    public var date: Located<LocalDate>
    public var assessor: Located<String>
    public var entries: Located<[RawEntry]>
    public var enteredInError: String?
    public var pointer: JSONPointer

    public init(id: Located<UUID>, caseNumber: Located<String>?, date: Located<LocalDate>, assessor: Located<String>,
                entries: Located<[RawEntry]>, enteredInError: String?, pointer: JSONPointer) {
        self.id = id
        self.caseNumber = caseNumber
        self.date = date
        self.assessor = assessor
        self.entries = entries
        self.enteredInError = enteredInError
        self.pointer = pointer
    }
}

/// An assessment document's content.
public struct RawAssessmentDocument: Sendable {
    public var citizen: RawCitizen
    public var caseFile: RawCase?
    public var assessment: RawAssessment

    public init(citizen: RawCitizen, caseFile: RawCase?, assessment: RawAssessment) {
        self.citizen = citizen
        self.caseFile = caseFile
        self.assessment = assessment
    }
}

/// An extract document's content.
public struct RawExtract: Sendable {
    public var orders: [RawOrder]
    public var assessments: [RawAssessmentDocument]
    public var followUps: [RawFollowUp]

    public init(orders: [RawOrder], assessments: [RawAssessmentDocument], followUps: [RawFollowUp]) {
        self.orders = orders
        self.assessments = assessments
        self.followUps = followUps
    }
}
