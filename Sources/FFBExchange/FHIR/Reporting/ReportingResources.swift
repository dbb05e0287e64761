import FFBJSON

/// The resources only a DeliveryReport has, with the elements FFBKit maps. The others (CarePlan,
/// Condition, Goal, Observation, …) are read as in an order message (`FHIRResources.swift`).
struct FHIRReportedCitizen: Sendable {
    var cpr: Located<String>?
    /// The reporting municipality: `managingOrganization.identifier.value` (a KOMBIT STS id, or
    /// the kommunekode FFBKit writes when none is configured).
    var organisation: Located<String>?

    static func read(_ reader: inout FieldReader) -> FHIRReportedCitizen? {
        let identifiers = reader.objects("identifier", required: false) { Identifier.read(&$0) }?.value ?? []
        let organisation = reader.object("managingOrganization", required: false) { organization -> Located<String>? in
            organization.accept(["reference", "type", "display", "id", "extension"])
            return organization.object("identifier", required: false) { Identifier.read(&$0) }?.value
        }
        reader.accept(["active"])
        return FHIRReportedCitizen(cpr: identifiers.first { $0.system == FHIRURLs.cpr }?.value, organisation: organisation)
    }
}

/// The case opening (anledning) and its case number.
struct FHIRServiceRequest: Sendable {
    var extensions: [Extension]

    static func read(_ reader: inout FieldReader) -> FHIRServiceRequest? {
        let extensions = reader.objects("extension", required: false) { Extension.read(&$0) }?.value ?? []
        reader.accept(["status", "intent", "subject"])
        return FHIRServiceRequest(extensions: extensions)
    }
}

extension [Extension] {
    /// The municipality's case number (the reporting guide's extension, or KL Core's).
    var caseNumber: Located<String>? {
        let found = first(FHIRURLs.reportingCaseNumber, FHIRURLs.municipalityCaseNumber)
        return (found?.nested("municipalitySpecific")?.valueIdentifier ?? found?.nested("official")?.valueIdentifier)?.value
    }
}
