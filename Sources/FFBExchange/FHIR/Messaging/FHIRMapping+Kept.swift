import FFBCatalog
import FFBFiles
import FFBJSON
import FFBModel
import Foundation

extension FHIRMapping {
    /// The resource types KL's order message (and the KL Core profiles it builds on) defines.
    static let guideTypes: Set<String> = [
        "MessageHeader", "Organization", "CarePlan", "CareTeam", "ClinicalImpression", "Goal", "Condition", "Encounter", "Observation",
        "RelatedPerson", "Consent", "Patient", "Account", "DocumentReference", "Practitioner", "PractitionerRole", "Provenance", "ServiceRequest",
    ]

    /// Every resource of the message with what it was read as: the ones FFBKit maps carry the
    /// role it rebuilds them as, the others what they are. A resource type the guide does not
    /// define is kept too, with a warning that it was not read.
    mutating func keptMessage(documentID: String) -> KeptMessage {
        var kept: [KeptResource] = []
        for resource in bundle.resources {
            let role = roles[resource.position] ?? classify(resource)
            if role == .unknown {
                issues.warning("\(Excerpt.plain(resource.type)) is not part of KL's order message; kept as it came, not read", at: resource.pointer.appending("resourceType"))
            }
            kept.append(KeptResource(role: role, resource: resource.value))
        }
        return KeptMessage(documentID: documentID, bytes: [], resources: kept, fullUrls: bundle.resources.map(\.fullUrl))
    }

    /// What a resource FFBKit does not map is, by its type, profile and category.
    func classify(_ resource: FHIRResource) -> ResourceRole {
        let profiles = resource.profiles
        func codes(_ member: String) -> [String] {
            (resource.value[member]?.arrayValue ?? []).flatMap { $0["coding"]?.arrayValue ?? [] }.compactMap { $0["code"]?.stringValue }
        }
        switch resource.type {
        case "Goal":
            let categories = codes("category")
            if categories.contains(FHIRURLs.purposeCategory) { return .purpose }
            if categories.contains(FHIRURLs.citizenObjectiveCategory) { return .citizenObjective }
            return .other
        case "RelatedPerson":
            return profiles.contains(FHIRURLs.messagingProfile("guardian")) || codes("relationship").contains("GUARD") ? .guardian : .relatedPerson
        case "Consent": return .consent
        case "DocumentReference": return .document
        case "Condition":
            let hasFFBCode = (resource.value["code"]?["coding"]?.arrayValue ?? []).contains { FHIRURLs.isFFB($0["system"]?.stringValue) }
            return profiles.contains(FHIRURLs.messagingProfile("disgnosis")) || !hasFFBCode ? .diagnosis : .other
        case "Encounter": return .followUp
        case "Observation": return .evaluation
        case "CarePlan":
            return profiles.contains(FHIRURLs.messagingProfile("relatedCarePlan")) || resource.value["basedOn"] != nil && !isBasedOnOrder(resource)
                ? .relatedPlan : .other
        default:
            return Self.guideTypes.contains(resource.type) ? .other : .unknown
        }
    }

    /// Whether a care plan is based on the order (a service of it) rather than on a related plan.
    private func isBasedOnOrder(_ resource: FHIRResource) -> Bool {
        let order = roles.first { $0.value == .order }?.key
        return (resource.value["basedOn"]?.arrayValue ?? []).contains { value in
            let reference = Reference(reference: value["reference"]?.stringValue, display: nil, identifierValue: nil, pointer: JSONPointer())
            return bundle.resolve(reference)?.position == order
        }
    }

    /// The purpose (the kept purpose goal's text) and the payer's account number.
    func details(_ kept: KeptMessage) -> OrderDetails? {
        let purpose = kept.resources(.purpose).lazy.compactMap { $0.resource["description"]?["text"]?.stringValue }.first
        guard purpose != nil || accountNumber != nil else { return nil }
        return try? OrderDetails(purpose: purpose, payerAccount: accountNumber)
    }
}
