import FFBModel
import Foundation

/// The content of a KL DeliveryReport: what one municipality's case system reported about one
/// citizen on one day, as FFBKit keeps it. A report is a snapshot: a record it re-sends under an
/// id the store has is the same record, and other content under that id is a later version.
public struct DeliveryReportContent: Hashable, Sendable {
    public var citizen: CitizenIdentity
    /// The cases the report names (ServiceRequests and the CarePlans' case numbers).
    public var cases: [CaseDetails]
    /// The information gatherings, each with the themes it found as they stand in this report.
    public var assessments: [AssessmentRecord]
    public var interventions: [ReportedIntervention]
    public var followUps: [FollowUpRecord]
    /// Follow-ups the sender withdrew (re-sent entered in error): id → reason.
    public var withdrawnFollowUps: [UUID: String]
    /// Gatherings whose entries leave out the themes re-assessed after their date (those travel as
    /// assessments of their own): the store's version may hold more themes than the report's.
    public var partialAssessments: Set<UUID>

    public init(citizen: CitizenIdentity, cases: [CaseDetails], assessments: [AssessmentRecord], interventions: [ReportedIntervention],
                followUps: [FollowUpRecord], withdrawnFollowUps: [UUID: String] = [:], partialAssessments: Set<UUID> = []) {
        self.citizen = citizen
        self.cases = cases
        self.assessments = assessments
        self.interventions = interventions
        self.followUps = followUps
        self.withdrawnFollowUps = withdrawnFollowUps
        self.partialAssessments = partialAssessments
    }

    /// The report as a native extract (what the records say, without the report's snapshot
    /// meaning: ends without a follow-up and replaced goals are left out).
    public var caseloadExtract: CaseloadExtract {
        let byNumber = Dictionary(cases.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        let orders = interventions.compactMap { intervention in
            byNumber[intervention.caseNumber].map { OrderPackage(citizen: citizen, caseDetails: $0, assessments: [], order: intervention.terms, goals: intervention.goals) }
        }
        let assessments = assessments.map { AssessmentPackage(citizen: citizen, caseDetails: $0.caseNumber.flatMap { byNumber[$0] }, assessment: $0) }
        return CaseloadExtract(orders: orders, assessments: assessments, followUps: followUps)
    }
}

/// One social indsats (CarePlan) as a report gives it: the order's terms (the provider is not
/// reported), its goals, and what the snapshot says about its state.
public struct ReportedIntervention: Hashable, Sendable {
    public var caseNumber: String
    public var terms: OrderTerms
    /// The day of the support-level evaluation the CarePlan links to; nil when it links none.
    public var supportLevelDate: LocalDate?
    /// `period.end` of a completed (or revoked) CarePlan.
    public var ended: LocalDate?
    /// Goals the CarePlan names, each as a first version under its own id.
    public var goals: [GoalRecord]
    /// A goal id → the goal it replaces: a goal re-sent `cancelled` in the same report on the same
    /// primary theme (how a changed goal travels: a new Goal id, the old one cancelled).
    public var replacedGoals: [UUID: UUID]
    /// The reason, when the sender has withdrawn the CarePlan (entered in error).
    public var enteredInError: String?

    public init(caseNumber: String, terms: OrderTerms, supportLevelDate: LocalDate?, ended: LocalDate?, goals: [GoalRecord],
                replacedGoals: [UUID: UUID], enteredInError: String?) {
        self.caseNumber = caseNumber
        self.terms = terms
        self.supportLevelDate = supportLevelDate
        self.ended = ended
        self.goals = goals
        self.replacedGoals = replacedGoals
        self.enteredInError = enteredInError
    }

    /// The name and identifier the store records as provider: a DeliveryReport does not report one.
    public static let providerNotReported = "ikke indberettet"
}
