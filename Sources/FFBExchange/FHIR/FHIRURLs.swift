import FFBCatalog

/// The canonical URLs of KL's FFB implementation guides that FFBKit reads and writes.
/// Readers accept the draft messaging guide's URLs too (DOMAIN.md); writers use the released ones.
enum FHIRURLs {
    // MARK: Code systems

    static let ffb = FFBCodeSystem.current
    static let careSocialCodes = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
    static let careSocialCodesDraft = "http://kl.dk/fhir/common/caresocial/CodeSystem/KLCommonCareSocialCodes"
    static let messageEvent = "http://fhir.kl.dk/ffbmessaging/CodeSystem/kl-messaging-ffb-messageEventSystem"
    static let messageEventDraft = "http://ffb/messaging/kl.dk/1.0/CodeSystem/kl-messaging-ffb-messageEventSystem"
    static let participantRole = "http://fhir.kl.dk/ffbmessaging/CodeSystem/kl-messaging-ffb-participantRoleCodes"
    static let municipalityCodes = "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes"
    static let cpr = "urn:oid:1.2.208.176.1.2"
    static let ean = "urn:oid:1.3.88"
    static let accountNumber = "urn:accountno"
    static let conditionClinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
    static let conditionVerification = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
    static let goalRelationshipType = "http://terminology.hl7.org/CodeSystem/goal-relationship-type"
    static let actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
    static let snomed = "http://snomed.info/sct"

    static func isCareSocial(_ system: String?) -> Bool {
        system == careSocialCodes || system == careSocialCodesDraft
    }

    static func isFFB(_ system: String?) -> Bool {
        system.map(FFBCodeSystem.isFFB) ?? false
    }

    // MARK: Extensions

    static let conditionRank = "http://fhir.kl.dk/core/StructureDefinition/ConditionRank"
    static let municipalityCaseNumber = "http://fhir.kl.dk/core/StructureDefinition/MunicipalityCaseNumber"
    static let reportingCaseNumber = "http://fhir.kl.dk/ffbreporting/StructureDefinition/kl-reporting-ffb-municipalityCaseNumber"
    static let actingMunicipality = "http://fhir.kl.dk/ffbmessaging/StructureDefinition/kl-messaging-ffb-actingMunicipality"
    static let matterOfInterestInformer = "http://fhir.kl.dk/core/StructureDefinition/MatterOfInterestInformer"
    static let followUpEncounter = "http://fhir.kl.dk/core/StructureDefinition/FollowUpEncounter"
    static let goalRelationship = "http://hl7.org/fhir/StructureDefinition/goal-relationship"
    static let conditionLastAssertedDate = "http://fhir.kl.dk/core/StructureDefinition/ConditionLastAssertedDate"
    static let basedOnServiceRequest = "http://fhir.kl.dk/core/StructureDefinition/BasedOnServiceRequest"
    static let reportingFollowUpDate = "http://fhir.kl.dk/ffbreporting/StructureDefinition/kl-reporting-ffb-follow-up-date-extension"

    // MARK: KL codes (CareSocialCodes)

    static let socialIntervention = "e459386d-1474-4c31-89c5-c8bc7a25e3d4"
    static let evaluationActivity = "95ec4535-8fe8-4296-867c-35de421794cf"
    static let supportLevelEvaluation = "effe55c7-572c-4a99-8fb4-2a9dda2f6572"
    static let interventionGoalCategory = "0bb3daef-538d-45dc-b444-abdbcb63f6bc"
    static let purposeCategory = "424827b1-23aa-4848-962b-56ee47def560"
    static let citizenObjectiveCategory = "416fe27d-3ccf-4390-8742-8b52a9d8dc78"
    static let goalTypeMeasure = "90c48f03-f194-4b2f-ad7d-6cba1069ae48"
    static let expectedLevelMeasure = "66959f77-6e2a-4574-8423-3ff097f8b9fa"
    static let followUpEncounterType = "9f03dfbb-7a97-45a5-94db-d4c3501714a9"

    // MARK: Profiles

    static let messaging = "http://fhir.kl.dk/ffbmessaging/StructureDefinition/"
    static let reporting = "http://fhir.kl.dk/ffbreporting/StructureDefinition/"

    static func messagingProfile(_ name: String) -> String { messaging + "kl-messaging-ffb-" + name }
    static func reportingProfile(_ name: String) -> String { reporting + "kl-reporting-ffb-" + name }

    // MARK: The draft messaging guide (0.1.0)

    /// The draft guide (canonical `http://ffb/messaging/kl.dk/1.0`) and the KL Common guide it built on
    /// (`http://kl.dk/fhir/common/caresocial`) named under these prefixes what the released guides name
    /// under `fhir.kl.dk`; the ids after the prefix are the same.
    static let draftPrefixes = [
        ("http://ffb/messaging/kl.dk/1.0/", "http://fhir.kl.dk/ffbmessaging/"),
        ("http://kl.dk/fhir/common/caresocial/StructureDefinition/", "http://fhir.kl.dk/core/StructureDefinition/"),
    ]

    /// A profile or extension URL as the released guides spell it, so one comparison reads both versions.
    static func released(_ url: String) -> String {
        for (draft, current) in draftPrefixes where url.hasPrefix(draft) {
            return current + url.dropFirst(draft.count)
        }
        return url
    }
}
