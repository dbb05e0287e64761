/// KL FFB messaging 1.0.0 (the order message), rule by rule.
///
/// Source: github:hl7dk/kl-ffb-messaging, tag 1.0.0 (commit af678568b9c69aecca8aa85e19c407675a18928a),
/// `input/fsh/<file>`; a rule's leading number is its line there. Rules the profiles inherit carry
/// their own file: KL Core = github:hl7dk/KL-dk branch 1.2.0 (commit d0dad3ebbcbf122c84bf77ea35f7f57dc84fcc57),
/// `input/fsh/<file>:<line>`; R4 = the base resource (hl7.fhir.r4.core 4.0.1).
/// Only the rules a receiver would reject a message for are listed: cardinalities, fixed values
/// and required slices. Bindings are left to the reader (`OrderMessageReader` checks FFB codes
/// against the catalogue).
extension Conformance {
    public static let klMessaging = Conformance(guide: "kl-ffb-messaging 1.0.0", profiles: KLMessagingRules.profiles, bundleRules: [])
}

enum KLMessagingRules {
    static let prefix = "http://fhir.kl.dk/ffbmessaging/StructureDefinition/kl-messaging-ffb-"
    static let phone = Slice.value("system", .text("phone"))
    static let email = Slice.value("system", .text("email"))

    static let profiles: [ProfileRules] = [
        ProfileRules(url: prefix + "orderMessage", source: "KLMessagingFFBOrder.fsh", rules: [
            "7 type = #message",
            "9 timestamp 1..",
            "11 entry.resource 1..",
        ], invariants: [
            Invariant(name: "bdl-12", human: "a message Bundle's first entry is its MessageHeader",
                      expression: "type = 'message' implies entry.first().resource.is(MessageHeader)") { bundle, _ in
                bundle["type"]?.stringValue != "message" || bundle["entry"]?[0]?["resource"]?["resourceType"]?.stringValue == "MessageHeader"
            },
        ]),
        ProfileRules(url: prefix + "orderMessageHeader", source: "KLMessagingFFBOrder.fsh", rules: [
            "26 eventCoding 1..",
            "27 eventCoding = $messageEvent#ffb-order",
            "28 focus 1..",
            "32 destination.receiver 1..",
            "34 destination.endpoint 1..",
            "R4:MessageHeader.source source 1..1",
            "R4:MessageHeader.source.endpoint source.endpoint 1..1",
        ]),
        ProfileRules(url: prefix + "messagingOrganization", source: "KLMessagingFFBOrder.fsh", rules: [
            "18 name 1..",
        ]),
        ProfileRules(url: prefix + "orderCarePlan", source: "KLMessagingFFBOrderCarePlan.fsh",
                     slices: ["fpurpose": .resolvedCategory("424827b1-23aa-4848-962b-56ee47def560"),
                              "subjectActingMunicipality": .extensionURL(prefix + "actingMunicipality")],
                     rules: [
            "6 extension[subjectActingMunicipality] 0..1",
            "KLMessagingFFBExtensions.fsh:5 extension[subjectActingMunicipality].valueCoding 1..1",
            "16 subject 1..",
            "20 author 1..",
            "24 addresses 1..",
            "KLCommonCareSocialCarePlan.fsh:7 category 1..1",
            "KLCommonCareSocialCarePlan.fsh:9 goal 1..*",
            "KLCommonCareSocialCarePlan.fsh:20 goal[fpurpose] 1..1",
            "KLCommonCareSocialCarePlan.fsh:25 created 1..1",
        ]),
        ProfileRules(url: prefix + "intervention", source: "KLMessagingFFBOrder.fsh", rules: [
            "43 basedOn 1..",
            "47 subject 1..",
            "KLCommonCareSocialPlannedIntervention.fsh:6 activity 1..1",
            "52 activity.detail 1..",
            "53 activity.detail.code 1..",
            "KLCommonCareSocialPlannedIntervention.fsh:27 created 1..1",
        ]),
        ProfileRules(url: prefix + "servicePerformer", source: "KLMessagingFFBOrder.fsh", rules: [
            "67 subject 1..",
            "69 participant 1..",
        ]),
        ProfileRules(url: prefix + "citizen", source: "KLMessagingFFBCitizen.fsh",
                     slices: ["phone": phone, "email": email], rules: [
            "10 address.line 1..",
            "11 address.postalCode 1..",
            "12 address.city 1..",
            "14 telecom.system 1..",
            "15 telecom.value 1..",
            "19 telecom[phone] 1..",
            "28 contact.telecom.system 1..",
            "29 contact.telecom.value 1..",
            "33 contact.telecom[phone] 1..",
        ]),
        ProfileRules(url: prefix + "consent", source: "KLMessagingFFBCitizen.fsh", rules: [
            "45 patient 1..",
            "47 dateTime 1..",
            "48 performer 1..",
        ]),
        ProfileRules(url: prefix + "relatedPerson", source: "KLMessagingFFBCitizen.fsh", rules: [
            "58 relationship 1..",
            "63 address.line 1..",
            "64 address.postalCode 1..",
            "65 address.city 1..",
            "67 telecom.system 1..",
            "68 telecom.value 1..",
        ]),
        ProfileRules(url: prefix + "guardian", source: "KLMessagingFFBCitizen.fsh",
                     slices: ["guardianshipForm": .extensionURL(prefix + "guardianshipForm")], rules: [
            "58 relationship 1..",
            "81 relationship = $v3-RoleCode#GUARD",
            "82 extension[guardianshipForm] 1..1",
            "KLMessagingFFBExtensions.fsh:13 extension[guardianshipForm].valueCoding 1..1",
        ]),
        ProfileRules(url: prefix + "citizenObjective", source: "KLMessagingFFBCitizenData.fsh", rules: [
            "KLCommonCareSocialGoal.fsh:6 category 1..1",
            "8 category = $KLCommon#416fe27d-3ccf-4390-8742-8b52a9d8dc78",
            "10 subject 1..",
        ]),
        ProfileRules(url: prefix + "interventionPurpose", source: "KLMessagingFFBCitizenData.fsh", rules: [
            "KLCommonCareSocialGoal.fsh:6 category 1..1",
            "KLCommonCareSocialGoal.fsh:56 category = $KLCommon#424827b1-23aa-4848-962b-56ee47def560",
            "20 subject 1..",
        ]),
        // KL's example uses KL Core's purpose profile directly (Docs/fhir/kl-messaging-1.0.0.md §2).
        ProfileRules(url: KLSystems.klCore + "KLCommonCareSocialPurpose", source: "KL Core KLCommonCareSocialGoal.fsh", rules: [
            "6 category 1..1",
            "56 category = $KLCommon#424827b1-23aa-4848-962b-56ee47def560",
        ]),
        ProfileRules(url: prefix + "interventionGoal", source: "KLMessagingFFBCitizenData.fsh",
                     slices: ["severitySlice": .value("measure", .coding(system: KLSystems.careSocialCodes, code: "66959f77-6e2a-4574-8423-3ff097f8b9fa")),
                              "changeValueSlice": .value("measure", .coding(system: KLSystems.careSocialCodes, code: "90c48f03-f194-4b2f-ad7d-6cba1069ae48")),
                              "conditionRank": .extensionURL(KLSystems.klCore + "ConditionRank")],
                     rules: [
            "KLCommonCareSocialGoal.fsh:6 category 1..1",
            "KLCommonCareSocialGoal.fsh:62 category = $KLCommon#0bb3daef-538d-45dc-b444-abdbcb63f6bc",
            "31 subject 1..",
            "KLCommonCareSocialGoal.fsh:16 target[severitySlice] 0..1",
            "KLCommonCareSocialGoal.fsh:16 target[changeValueSlice] 0..1",
            "KLCommonCareSocialGoal.fsh:29 addresses.extension[conditionRank] 0..1",
            "R4:Goal description 1..1",
            "R4:Goal lifecycleStatus 1..1",
        ], invariants: [KLMessagingRules.gol1]),
        ProfileRules(url: prefix + "targetGroup", source: "KLMessagingFFBCitizenData.fsh", rules: [
            "49 code 1..",
            "50 code.coding 1..",
            "51 subject 1..",
        ]),
        ProfileRules(url: prefix + "condition", source: "KLMessagingFFBCitizenData.fsh", rules: [
            "KLCommonCareSocialCondition.fsh:8 clinicalStatus 1..1",
            "62 code 1..",
            "63 code.coding 1..1",
            "65 subject 1..",
        ]),
        ProfileRules(url: prefix + "followUp", source: "KLMessagingFFBCitizenData.fsh", rules: [
            "75 type 1..1",
            "76 type = $KLCommon#9f03dfbb-7a97-45a5-94db-d4c3501714a9",
            "KLCommonCareSocialEncounter.fsh:7 period 1..1",
            "KLCommonCareSocialEncounter.fsh:8 period.start 1..1",
        ]),
        ProfileRules(url: prefix + "informationGathering", source: "KLMessagingFFBCitizenData.fsh", rules: [
            "91 subject 1..",
        ]),
        ProfileRules(url: prefix + "evaluation", source: "KLMessagingFFBCitizenData.fsh", rules: [
            "113 subject 1..",
        ]),
        ProfileRules(url: prefix + "account", source: "KLMessagingFFBAccount.fsh",
                     slices: ["accountno": .value("system", .text("urn:accountno"))], rules: [
            "7 status = #active",
            "9 identifier.system 1..",
            "10 identifier.value 1..",
            "14 identifier[accountno] 1..1",
        ]),
        ProfileRules(url: prefix + "accountOwner", source: "KLMessagingFFBAccount.fsh",
                     slices: ["eanIdentifier": .value("system", .text("urn:oid:1.3.88")), "phone": phone], rules: [
            "28 identifier[eanIdentifier] 1..1",
            "41 contact.telecom[phone] 1..",
        ]),
        ProfileRules(url: prefix + "participatingOrganization", source: "KLMessagingFFBParticipatingOrganization.fsh",
                     slices: ["phone": phone], rules: [
            "6 name 1..",
            "7 contact 1..",
            "8 contact.name 1..",
            "10 contact.name.family 1..",
            "12 contact.telecom.system 1..",
            "13 contact.telecom.value 1..",
            "17 contact.telecom[phone] 1..",
        ]),
        ProfileRules(url: prefix + "documentReference", source: "KLMessagingFFBDocumentReference.fsh", rules: [
            "7 status = #current",
        ]),
    ]

    /// R4 gol-1, which KL's own example breaks as SUSHI builds it (Docs/fhir/kl-messaging-1.0.0.md §10.1).
    static let gol1 = Invariant(name: "gol-1", human: "a goal target with a detail has a measure",
                                expression: "(detail.exists() and measure.exists()) or detail.exists().not()") { goal, _ in
        (goal["target"]?.arrayValue ?? []).allSatisfy { target in
            let hasDetail = target.objectValue?.keys.contains { $0.hasPrefix("detail") } ?? false
            return !hasDetail || target["measure"] != nil
        }
    }
}

extension Conformance {
    /// The messaging rules FFBKit's order export (`ffb export --fhir order`) breaks. None: the
    /// citizen's phone, the payer's account number and the purpose are recorded (`ffb citizen
    /// update`, `ffb order create|update`) and an order that lacks one is refused, not written
    /// (issue 18 item 4). A test that finds a violation fails.
    public static let ffbKitOrderExportKnownGaps: Set<String> = []
}
