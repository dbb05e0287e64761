import FFBCatalog
import Foundation

/// What a KL DeliveryReport needs that the records do not hold.
public struct DeliveryReportSettings: Sendable {
    /// Case numbers travel as identifiers whose system each municipality chooses; KL publishes none.
    public static let defaultCaseSystem = "urn:ffbkit:case-number"
    /// The identifier system of KOMBIT STS organisations in the reporting guide (KombitSTSOrgIdentifier).
    public static let stsOrganisationSystem = "https://www.kombit.dk/organisation"

    public var caseSystem = DeliveryReportSettings.defaultCaseSystem
    /// The reporting municipality's KOMBIT STS organisation id (a UUID). KL's profile requires it;
    /// `DeliveryReportExporter` refuses to write reports without it.
    public var reportingOrganisation: String?

    public init() {}

    /// Whether `text` has the form of a KOMBIT STS organisation id: a hyphenated UUID.
    public static func isSTSOrganisationID(_ text: String) -> Bool {
        UUID(hyphenatedHex: text) != nil
    }
}
