/// What a KL DeliveryReport needs that the records do not hold.
public struct DeliveryReportSettings: Sendable {
    /// Case numbers travel as identifiers whose system each municipality chooses; KL publishes none.
    public static let defaultCaseSystem = "urn:ffbkit:case-number"

    public var caseSystem = DeliveryReportSettings.defaultCaseSystem
    /// The reporting municipality's KOMBIT STS organisation id; the case's kommunekode when unset.
    public var reportingOrganisation: String?

    public init() {}
}
