import FFBCatalog
import FFBJSON

/// KL FFB reporting 1.0.0 (the DeliveryReport), rule by rule.
///
/// Source: github:hl7dk/kl-ffb-reporting, branch 1.0.0 (commit 828d441653c9746023afbabddfcd6f5ef6375203;
/// its `input/fsh` equals the tag's), `input/fsh/<file>`; a rule's leading number is its line there.
/// The profiles forbid (`..0`) many elements; the ones a writer could plausibly fill are listed.
/// The invariants are the published FHIRPath in Swift (Docs/fhir/kl-reporting-1.0.0.md §8), and
/// the guide's text adds three rules for the whole bundle (`input/pagecontent/index.md`).
extension Conformance {
    /// `requireLastUpdated`: the guide's text requires `meta.lastUpdated` on every resource, which no
    /// profile enforces and KL's own examples omit.
    public static func klReporting(requireLastUpdated: Bool = true) -> Conformance {
        Conformance(guide: "kl-ffb-reporting 1.0.0", profiles: KLReportingRules.profiles,
                    bundleRules: KLReportingRules.textRules(requireLastUpdated: requireLastUpdated))
    }
}

enum KLReportingRules {
    static let prefix = "http://fhir.kl.dk/ffbreporting/StructureDefinition/kl-reporting-ffb-"
    static let conditionRank = Slice.extensionURL(KLSystems.klCore + "ConditionRank")

    static let profiles: [ProfileRules] = [
        ProfileRules(url: prefix + "deliveryReport", source: "KLReportingFFBDeliveryReport.fsh", rules: [
            "7 type = #collection",
            "8 timestamp 1..1",
            "11 entry.resource 1..1",
            "23 entry.search ..0",
            "24 entry.request ..0",
            "25 entry.response ..0",
        ], invariants: [
            everyResource("kl-reporting-ffb-delivery-report-1", of: "Condition", conformsTo: ["condition", "targetGroup"]),
            everyResource("kl-reporting-ffb-delivery-report-2", of: "CarePlan", conformsTo: ["carePlan", "intervention"]),
            everyResource("kl-reporting-ffb-delivery-report-3", of: "Observation", conformsTo: ["careEvaluation", "followUp"]),
        ]),
        ProfileRules(url: prefix + "citizen", source: "KLReportingFFBCitizen.fsh", rules: [
            "6 identifier 1..1",
            "dk-core-cpr-identifier:system identifier.system = \"urn:oid:1.2.208.176.1.2\"",
            "9 name ..0",
            "10 telecom ..0",
            "14 address ..0",
            "18 contact ..0",
            "21 managingOrganization 1..1",
            "22 managingOrganization.reference ..0",
            "24 managingOrganization.identifier 1..1",
            "KombitSTSOrgIdentifier.fsh:8 managingOrganization.identifier.use = #official",
            "KombitSTSOrgIdentifier.fsh:10 managingOrganization.identifier.system = \"https://www.kombit.dk/organisation\"",
            "26 managingOrganization.display ..0",
        ]),
        ProfileRules(url: prefix + "serviceRequest", source: "KLReportingFFBServiceRequest.fsh",
                     slices: ["municipalityCaseNumber": .extensionURL(prefix + "municipalityCaseNumber")], rules: [
            "10 extension[municipalityCaseNumber] 0..1",
            "11 extension closed",
            "21 intent = #proposal",
            "25 code ..0",
            "46 note ..0",
        ]),
        ProfileRules(url: prefix + "condition", source: "KLReportingFFBCondition.fsh",
                     slices: ["conditionLastAssertedDate": .extensionURL(KLSystems.klCore + "ConditionLastAssertedDate")], rules: [
            "10 extension[conditionLastAssertedDate] 0..1",
            "11 extension closed",
            "14 clinicalStatus 1..1",
            "16 category ..0",
            "21 severity.text ..0",
            "22 code 1..",
            "26 code.text ..0",
            "28 subject 1..",
            "31 onset[x] ..0",
            "33 recordedDate 1..",
            "35 asserter ..0",
            "38 note ..0",
        ], invariants: [
            Invariant(name: "kl-reporting-ffb-condition-1", human: "a severity exactly when the theme is Aktivitet og deltagelse",
                      expression: "(severity.exists() and code.memberOf(KLConditionADCodesFFB)) or (severity.exists().not() and code.memberOf(KLConditionADCodesFFB).not())") { condition, context in
                context.isActivityAndParticipation(condition) == (condition["severity"] != nil)
            },
        ]),
        ProfileRules(url: prefix + "targetGroup", source: "KLReportingFFBTargetGroup.fsh", rules: [
            "10 severity ..0",
            "11 code 1..",
            "12 code.coding 1..",
            "14 code.text ..0",
            "16 subject 1..",
            "22 recordedDate 1..",
            "27 note ..0",
        ]),
        ProfileRules(url: prefix + "informationGathering", source: "KLReportingFFBInformationGathering.fsh",
                     slices: ["basedOnServiceRequest": .extensionURL(KLSystems.klCore + "BasedOnServiceRequest")], rules: [
            "9 extension[basedOnServiceRequest] 1..1",
            "12 extension closed",
            "18 description ..0",
            "19 subject 1..",
            "23 effective[x] 1..",
            "26 assessor ..0",
            "30 summary ..0",
            "32 finding.itemCodeableConcept ..0",
            "38 finding.basis ..0",
            "39 investigation ..1",
        ]),
        ProfileRules(url: prefix + "interventionGoal", source: "KLReportingFFBInterventionGoal.fsh",
                     slices: ["severitySlice": .value("measure", .coding(system: KLSystems.careSocialCodes, code: "66959f77-6e2a-4574-8423-3ff097f8b9fa")),
                              "changeValueSlice": .value("measure", .coding(system: KLSystems.careSocialCodes, code: "90c48f03-f194-4b2f-ad7d-6cba1069ae48")),
                              "conditionRank": conditionRank],
                     rules: [
            "9 category 1..1",
            "11 category = $KLCommon#0bb3daef-538d-45dc-b444-abdbcb63f6bc",
            "14 description.coding 1..1",
            "15 description.coding = $snomedCT#410518001",
            "16 subject 1..",
            "24 target[severitySlice] 1..1",
            "24 target[changeValueSlice] 1..1",
            "36 expressedBy ..0",
            "39 addresses.extension[conditionRank] 0..1",
            "42 note ..0",
            "43 outcomeCode ..0",
        ], invariants: [
            Invariant(name: "kl-reporting-ffb-intervention-goal-1", human: "a goal addresses only Aktivitet og deltagelse themes",
                      expression: "addresses.all(reference.resolve().code.memberOf(KLConditionADCodesFFB))") { goal, context in
                (goal["addresses"]?.arrayValue ?? []).allSatisfy { context.isActivityAndParticipation(context.resolve($0["reference"]?.stringValue)) }
            },
            // Published with the ConditionRank URL under /term/ (a defect, §11.1) and a string compare;
            // applied as meant: KL Core's URL, an integer 1.
            Invariant(name: "kl-reporting-ffb-intervention-goal-2", human: "a goal has exactly one primary theme (ConditionRank 1)",
                      expression: "addresses.where(extension(ConditionRank).valuePositiveInt = '1').count() = 1") { goal, _ in
                (goal["addresses"]?.arrayValue ?? []).filter { rank($0) == 1 }.count == 1
            },
        ]),
        ProfileRules(url: prefix + "carePlan", source: "KLReportingFFBCarePlan.fsh",
                     slices: ["municipalityCaseNumber": .extensionURL(prefix + "municipalityCaseNumber"),
                              "followUpDate": .extensionURL(prefix + "follow-up-date-extension"),
                              "conditionRank": conditionRank],
                     rules: [
            "6 extension[municipalityCaseNumber] 1..1",
            "7 extension[followUpDate] 0..1",
            "11 basedOn ..0",
            "16 category ..0",
            "18 description ..0",
            "19 subject 1..",
            "23 period 1..",
            "24 period.start 1..",
            "25 created ..0",
            "26 author ..0",
            "30 addresses.extension[conditionRank] 1..1",
            "33 addresses.reference 1..",
            "42 activity 0..1",
            "44 activity.outcomeReference 1..1",
            "49 activity.detail ..0",
            "50 note ..0",
        ], invariants: [
            openOrder("kl-reporting-ffb-care-plan-1", "an ordered, open care plan has a follow-up date",
                      "(intent != 'order') or (status = 'completed') or extension(follow-up-date-extension).exists()") { plan in
                (plan["extension"]?.arrayValue ?? []).contains { $0["url"]?.stringValue == prefix + "follow-up-date-extension" }
            },
            Invariant(name: "kl-reporting-ffb-care-plan-2", human: "at most one primary target group (ConditionRank 1)",
                      expression: "addresses.where(extension(ConditionRank).valuePositiveInt = '1').count() < 2") { plan, _ in
                (plan["addresses"]?.arrayValue ?? []).filter { rank($0) == 1 }.count < 2
            },
            openOrder("kl-reporting-ffb-care-plan-4", "an ordered, open care plan has a support-level evaluation",
                      "(intent != 'order') or (status = 'completed') or activity.outcomeReference.exists()") { plan in
                (plan["activity"]?.arrayValue ?? []).contains { $0["outcomeReference"] != nil }
            },
            openOrder("kl-reporting-ffb-care-plan-5", "an ordered, open care plan has target groups",
                      "(intent != 'order') or (status = 'completed') or addresses.exists()") { plan in
                plan["addresses"] != nil
            },
        ]),
        ProfileRules(url: prefix + "intervention", source: "KLReportingFFBIntervention.fsh", rules: [
            "9 basedOn 1..",
            "19 subject 1..",
            "26 period.start 1..",
            "29 created 1..",
            "32 addresses ..0",
            "35 activity 1..",
            "38 activity.outcomeReference ..0",
            "41 activity.detail 1..1",
            "46 activity.detail.code 1..1",
            "48 activity.detail.code.text ..0",
            "49 activity.detail.code.coding 1..1",
            "61 activity.detail.description ..0",
            "64 note ..0",
        ]),
        ProfileRules(url: prefix + "careEvaluation", source: "KLReportingFFBCareEvaluation.fsh", rules: [
            "12 code.coding 1..1",
            "13 code.coding = $KLCommon#effe55c7-572c-4a99-8fb4-2a9dda2f6572",
            "14 code.text ..0",
            "15 subject 1..",
            "21 valueCodeableConcept 1..1",
            "22 valueCodeableConcept.text ..0",
            "24 effective[x] 1..1",
            "30 note ..0",
        ]),
        ProfileRules(url: prefix + "followUp", source: "KLReportingFFBFollowUp.fsh", rules: [
            "13 code.coding 1..1",
            "14 code.coding = $snomedCT#712744002",
            "15 subject 1..",
            "18 focus 1..",
            "21 effective[x] 1..1",
            "25 value[x] 1..1",
            "30 note ..0",
        ], invariants: [
            Invariant(name: "kl-reporting-ffb-follow-up-1", human: "a follow-up is final or entered-in-error",
                      expression: "status = 'final' or status = 'entered-in-error'") { observation, _ in
                ["final", "entered-in-error"].contains(observation["status"]?.stringValue ?? "")
            },
        ]),
        ProfileRules(url: prefix + "followUpEncounter", source: "KLReportingFFBFollowUpEncounter.fsh", rules: [
            "8 status = #planned",
            "11 class = $v3ActCode#HH",
            "16 type 1..1",
            "18 type.coding 1..1",
            "19 type.coding = $KLCommon#9f03dfbb-7a97-45a5-94db-d4c3501714a9",
            "23 type.text ..0",
            "26 subject 1..1",
            "33 period 1..1",
            "34 period.start 1..1",
            "35 period.end ..0",
        ]),
        ProfileRules(url: prefix + "servicePerformer", source: "KLReportingFFBServicePerformer.fsh", rules: [
            "8 category 1..1",
            "10 name ..0",
            "11 subject 1..",
            "15 participant ..0",
            "18 managingOrganization ..0",
        ]),
    ]

    /// The rules of the guide's text (`input/pagecontent/index.md`, Docs/fhir/kl-reporting-1.0.0.md §2).
    static func textRules(requireLastUpdated: Bool) -> [Invariant] {
        var rules = [
            Invariant(name: "index.md rule 4: references resolve", human: "every reference names a resource in the report",
                      expression: "all referenced resources must be included") { bundle, context in
                context.resources.allSatisfy { BundleContext.references(in: $0).allSatisfy { context.resolve($0) != nil } }
            },
            Invariant(name: "index.md rule 5: UUID ids", human: "every resource id is a UUID, and each fullUrl appears once",
                      expression: "ids must be universally unique, e.g. UUIDs") { _, context in
                let fullUrls = context.fullUrls.compactMap { $0 }
                return context.resources.allSatisfy { $0["id"]?.stringValue.flatMap(KLCode.init) != nil } && Set(fullUrls).count == fullUrls.count
            },
            Invariant(name: "index.md rule 6: meta.profile", human: "every resource declares its profile",
                      expression: "every resource carries meta.profile") { _, context in
                context.resources.allSatisfy { !($0["meta"]?["profile"]?.arrayValue?.isEmpty ?? true) }
            },
        ]
        if requireLastUpdated {
            rules.append(Invariant(name: "index.md rule 6: meta.lastUpdated", human: "every resource says when it took effect",
                                   expression: "every resource carries meta.lastUpdated") { _, context in
                context.resources.allSatisfy { $0["meta"]?["lastUpdated"] != nil }
            })
        }
        return rules
    }

    static func rank(_ address: JSONValue) -> Int? {
        address["extension"]?.arrayValue?.first { $0["url"]?.stringValue == KLSystems.klCore + "ConditionRank" }?["valuePositiveInt"]?.intValue
    }

    /// An invariant that binds only an ordered care plan that is not completed.
    static func openOrder(_ name: String, _ human: String, _ expression: String, _ body: @escaping @Sendable (JSONValue) -> Bool) -> Invariant {
        Invariant(name: name, human: human, expression: expression) { plan, _ in
            plan["intent"]?.stringValue != "order" || plan["status"]?.stringValue == "completed" || body(plan)
        }
    }

    /// delivery-report-1..3: every resource of a type declares one of the guide's profiles for it.
    static func everyResource(_ name: String, of type: String, conformsTo ids: [String]) -> Invariant {
        let urls = ids.map { prefix + $0 }
        return Invariant(name: name, human: "every \(type) is a \(ids.joined(separator: " or "))",
                         expression: "entry.ofType(\(type)).all(\(ids.map { "resource.conformsTo(…\($0))" }.joined(separator: " or ")))") { _, context in
            context.resources.filter { $0["resourceType"]?.stringValue == type }.allSatisfy { resource in
                let declared = resource["meta"]?["profile"]?.arrayValue?.compactMap(\.stringValue) ?? []
                return declared.contains(where: urls.contains)
            }
        }
    }
}
