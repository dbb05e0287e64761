/// The content of an assessment document: one assessment, the citizen and, optionally, its case.
public struct AssessmentPackage: Hashable, Sendable {
    public var citizen: CitizenIdentity
    public var caseDetails: CaseDetails?
    public var assessment: AssessmentRecord

    public init(citizen: CitizenIdentity, caseDetails: CaseDetails?, assessment: AssessmentRecord) {
        self.citizen = citizen
        self.caseDetails = caseDetails
        self.assessment = assessment
    }
}

/// The content of an extract document: whole cases in bulk.
public struct CaseloadExtract: Hashable, Sendable {
    public var orders: [OrderPackage]
    public var assessments: [AssessmentPackage]
    public var followUps: [FollowUpRecord]

    public init(orders: [OrderPackage], assessments: [AssessmentPackage], followUps: [FollowUpRecord]) {
        self.orders = orders
        self.assessments = assessments
        self.followUps = followUps
    }
}
