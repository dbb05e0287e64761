/// What an exchange document carries.
public enum DocumentKind: String, CaseIterable, Sendable, Codable {
    /// Authority → provider: the order (bestilling) with citizen, case, assessment and goals.
    case order
    /// Provider → authority: the follow-up (opfølgning) on an order.
    case followUpReport = "follow-up-report"
    /// An assessment (udredning) on its own.
    case assessment
    /// Whole cases in bulk (orders, assessments, follow-ups), for moving a caseload between systems.
    case extract
    /// A KL DeliveryReport: one citizen's day as a municipality reports it to KL's data collection.
    case deliveryReport = "delivery-report"

    /// Documents are applied in this order within one import, so that a follow-up report given
    /// before its order on the command line still finds the order.
    package var applyRank: Int {
        switch self {
        case .order, .extract: 0
        case .assessment: 1
        case .followUpReport: 2
        // A report refers to what earlier reports sent; reports are applied last, oldest first.
        case .deliveryReport: 3
        }
    }
}

/// Where a document came from: our own format or a KL FHIR message.
public enum DocumentSyntax: String, Sendable {
    case native
    case fhirOrderMessage = "fhir-order-message"
    case fhirDeliveryReport = "fhir-delivery-report"
}
