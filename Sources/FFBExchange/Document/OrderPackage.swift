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
    /// The citizen's name, phone number and address as last recorded.
    public var contact: CitizenContact?
    /// The purpose (indsatsformål) and the payer's account number.
    public var details: OrderDetails?
    /// The KL order message the order came in, kept whole (nil for an order made here or read
    /// from a native document).
    public var kept: KeptMessage?

    public init(citizen: CitizenIdentity, caseDetails: CaseDetails, assessments: [AssessmentRecord], order: OrderTerms, goals: [GoalRecord],
                contact: CitizenContact? = nil, details: OrderDetails? = nil, kept: KeptMessage? = nil) {
        self.citizen = citizen
        self.caseDetails = caseDetails
        self.assessments = assessments
        self.order = order
        self.goals = goals
        self.contact = contact
        self.details = details
        self.kept = kept
    }

    /// Theme entries across the assessments (what the benchmark counts).
    public var themeEntryCount: Int { assessments.reduce(0) { $0 + $1.entries.count } }
}
