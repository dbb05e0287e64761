import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

public struct RawTargetGroup: Sendable {
    public var code: Located<String>
    public var isPrimary: Bool
    public var pointer: JSONPointer
    /// Where the primary flag is (a member in native documents, a ConditionRank in FHIR).
    public var primaryPointer: JSONPointer

    public init(code: Located<String>, isPrimary: Bool, pointer: JSONPointer, primaryPointer: JSONPointer? = nil) {
        self.code = code
        self.isPrimary = isPrimary
        self.pointer = pointer
        self.primaryPointer = primaryPointer ?? pointer.appending("primary")
    }
}

public struct RawOrderTerms: Sendable {
    public var id: Located<UUID>
    public var services: Located<[Located<String>]>
    public var offerType: Located<String>?
    public var targetGroups: Located<[RawTargetGroup]>
    public var provider: RawParty
    public var payer: RawParty?
    public var supportLevel: Located<Assessed<SupportLevel>>
    public var issued: Located<LocalDate>
    public var start: Located<LocalDate>
    public var followUpDate: Located<LocalDate>?
    public var pointer: JSONPointer

    public init(id: Located<UUID>, services: Located<[Located<String>]>, offerType: Located<String>?, targetGroups: Located<[RawTargetGroup]>,
                provider: RawParty, payer: RawParty?, supportLevel: Located<Assessed<SupportLevel>>, issued: Located<LocalDate>,
                start: Located<LocalDate>, followUpDate: Located<LocalDate>?, pointer: JSONPointer) {
        self.id = id
        self.services = services
        self.offerType = offerType
        self.targetGroups = targetGroups
        self.provider = provider
        self.payer = payer
        self.supportLevel = supportLevel
        self.issued = issued
        self.start = start
        self.followUpDate = followUpDate
        self.pointer = pointer
    }
}

public struct RawGoal: Sendable {
    public var id: Located<UUID>
    public var seriesID: Located<UUID>
    public var version: Located<Int>
    public var supersedes: Located<UUID>?
    public var primaryTheme: Located<String>
    public var secondaryThemes: [Located<String>]
    public var type: Located<GoalType>
    public var expectedLevel: Located<FunctionLevel>
    public var description: Located<String>
    public var followUpDate: Located<LocalDate>?
    public var enteredInError: String?
    public var pointer: JSONPointer

    public init(id: Located<UUID>, seriesID: Located<UUID>, version: Located<Int>, supersedes: Located<UUID>?, primaryTheme: Located<String>,
                secondaryThemes: [Located<String>], type: Located<GoalType>, expectedLevel: Located<FunctionLevel>,
                description: Located<String>, followUpDate: Located<LocalDate>?, enteredInError: String?, pointer: JSONPointer) {
        self.id = id
        self.seriesID = seriesID
        self.version = version
        self.supersedes = supersedes
        self.primaryTheme = primaryTheme
        self.secondaryThemes = secondaryThemes
        self.type = type
        self.expectedLevel = expectedLevel
        self.description = description
        self.followUpDate = followUpDate
        self.enteredInError = enteredInError
        self.pointer = pointer
    }
}

/// An order document's content.
public struct RawOrder: Sendable {
    public var citizen: RawCitizen
    public var caseFile: RawCase
    public var assessments: [RawAssessment]
    public var order: RawOrderTerms
    public var goals: [RawGoal]
    public var pointer: JSONPointer

    public init(citizen: RawCitizen, caseFile: RawCase, assessments: [RawAssessment], order: RawOrderTerms, goals: [RawGoal], pointer: JSONPointer) {
        self.citizen = citizen
        self.caseFile = caseFile
        self.assessments = assessments
        self.order = order
        self.goals = goals
        self.pointer = pointer
    }
}

public struct RawGoalEvaluation: Sendable {
    public var goalSeries: Located<UUID>
    public var note: Located<String>

    public init(goalSeries: Located<UUID>, note: Located<String>) {
        self.goalSeries = goalSeries
        self.note = note
    }
}

/// A follow-up report's content.
public struct RawFollowUp: Sendable {
    public var id: Located<UUID>
    public var orderID: Located<UUID>
    public var date: Located<LocalDate>
    public var author: Located<String>
    public var status: Located<FollowUpStatus>
    public var supportLevel: Located<Assessed<SupportLevel>>?
    public var entries: Located<[RawEntry]>
    public var goalEvaluations: [RawGoalEvaluation]
    public var pointer: JSONPointer

    public init(id: Located<UUID>, orderID: Located<UUID>, date: Located<LocalDate>, author: Located<String>, status: Located<FollowUpStatus>,
                supportLevel: Located<Assessed<SupportLevel>>?, entries: Located<[RawEntry]>, goalEvaluations: [RawGoalEvaluation], pointer: JSONPointer) {
        self.id = id
        self.orderID = orderID
        self.date = date
        self.author = author
        self.status = status
        self.supportLevel = supportLevel
        self.entries = entries
        self.goalEvaluations = goalEvaluations
        self.pointer = pointer
    }
}
