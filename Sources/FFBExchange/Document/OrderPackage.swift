import FFBModel

/// The content of an order document: everything a provider needs to start the intervention.
public struct OrderPackage: Hashable, Sendable {
    public var citizen: CitizenIdentity
    public var caseDetails: CaseDetails
    /// The assessments the order rests on, oldest first.
    public var assessments: [AssessmentRecord]
    public var order: OrderTerms
    /// Every version of every goal, each series oldest version first.
    public var goals: [GoalRecord]

    public init(citizen: CitizenIdentity, caseDetails: CaseDetails, assessments: [AssessmentRecord], order: OrderTerms, goals: [GoalRecord]) {
        self.citizen = citizen
        self.caseDetails = caseDetails
        self.assessments = assessments
        self.order = order
        self.goals = goals
    }

    /// Theme entries across the assessments (what the benchmark counts).
    public var themeEntryCount: Int { assessments.reduce(0) { $0 + $1.entries.count } }
}
