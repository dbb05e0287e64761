import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

/// Writes an order as a KL FFB order message (messaging IG 1.0.0): the MessageHeader first, then
/// the organisations, the citizen, the order CarePlan with its services, care team, target
/// groups, support-level evaluation and goals, the information gatherings with their theme
/// Conditions, and the payer's Account. Ids are the records' own ids, or derived from them, so
/// the same order always gives the same message. `OrderMessageReader` reads back everything.
///
/// The citizen's phone number and address, the purpose and the payer's account number come from
/// the package (`contact`, `details`); an order that came in a KL message writes that message's
/// other resources back as they came (`KeptMessage`), its rebuilt ones keeping what FFBKit does
/// not write. `missingRequirements` says what a package lacks that KL's profiles require; the
/// exporter refuses such an order rather than write a message that breaks them.
public struct OrderMessageWriter: Sendable {
    /// The case-number identifier system (municipality-specific; KL publishes none).
    public var caseSystem: String

    public init(caseSystem: String = DeliveryReportSettings.defaultCaseSystem) {
        self.caseSystem = caseSystem
    }

    public func message(_ exported: ExportedContent) -> JSONValue? {
        guard case .order(let package) = exported.content else { return nil }
        return message(package, sender: exported.sender, receiver: exported.receiver, created: "\(exported.asOf.iso)T00:00:00Z")
    }

    public func message(_ package: OrderPackage, sender: Organization, receiver: Organization, created: String, id: String? = nil) -> JSONValue {
        var builder = OrderMessageBuilder(package: package, caseSystem: caseSystem)
        let entries = builder.entries(sender: sender, receiver: receiver)
        var bundle = JSONObject([
            ("resourceType", .string("Bundle")),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("orderMessage"))),
            ("type", .string("message")),
            ("entry", .array(entries)),
        ])
        let bundleID = id ?? DerivedID.uuid("fhir-order-message", ContentHash.of(.object(bundle))).lowercased
        var ordered = JSONObject([("resourceType", .string("Bundle")), ("id", .string(bundleID))])
        for member in bundle where member.key != "resourceType" {
            ordered[member.key] = member.value
            if member.key == "type" { ordered["timestamp"] = .string(created) }
        }
        bundle = ordered
        return .object(bundle)
    }
}

/// Builds the entries of one order message.
struct OrderMessageBuilder {
    let package: OrderPackage
    let caseSystem: String
    var order: OrderTerms { package.order }

    var patientID: UUID { DerivedID.uuid("fhir-patient", order.id.lowercased) }
    var supportID: UUID { DerivedID.uuid("fhir-support-level", order.id.lowercased) }

    func organizationID(_ organization: Organization) -> UUID {
        DerivedID.uuid("fhir-organization", organization.name, organization.identifier)
    }

    var headerID: UUID { DerivedID.uuid("fhir-message-header", order.id.lowercased) }

    func serviceID(position: Int, _ service: KLCode) -> UUID {
        DerivedID.uuid("fhir-service", order.id.lowercased, String(position), service.rawValue)
    }

    mutating func entries(sender: Organization, receiver: Organization) -> [JSONValue] {
        var organizations = [sender, receiver]
        if let payer = order.payer { organizations.append(payer) }
        var entries: [JSONValue] = [FHIRBuild.entry(headerID, header(id: headerID, sender: sender, receiver: receiver))]
        var written: Set<UUID> = []
        for organization in organizations where written.insert(organizationID(organization)).inserted {
            let profile = organization == order.payer && organization != sender && organization != receiver ? "accountOwner" : "messagingOrganization"
            entries.append(FHIRBuild.entry(organizationID(organization), self.organization(organization, profile: profile)))
        }
        entries.append(FHIRBuild.entry(patientID, patient()))
        entries.append(FHIRBuild.entry(order.id, carePlan(sender: sender)))
        for (position, service) in order.services.enumerated() {
            let id = serviceID(position: position, service)
            entries.append(FHIRBuild.entry(id, intervention(service, id: id)))
        }
        if order.offerType != nil { entries.append(FHIRBuild.entry(careTeamID, careTeam(receiver: receiver))) }
        for group in order.targetGroups {
            entries.append(FHIRBuild.entry(targetGroupID(group.code), targetGroup(group.code)))
        }
        entries.append(FHIRBuild.entry(supportID, supportEvaluation()))
        for assessment in package.assessments {
            entries.append(FHIRBuild.entry(assessment.id, clinicalImpression(assessment)))
            for entry in assessment.entries {
                let id = conditionID(assessment: assessment.id, theme: entry.theme)
                entries.append(FHIRBuild.entry(id, condition(entry, id: id, recorded: assessment.date)))
            }
        }
        for theme in goalOnlyThemes {
            entries.append(FHIRBuild.entry(goalThemeID(theme), bareCondition(theme)))
        }
        for record in package.goals {
            entries.append(FHIRBuild.entry(record.goal.id, goal(record)))
        }
        if let payer = order.payer {
            entries.append(FHIRBuild.entry(accountID, account(owner: payer)))
        }
        return withKept(entries, sender: sender, receiver: receiver)
    }

    var careTeamID: UUID { DerivedID.uuid("fhir-care-team", order.id.lowercased) }
    var accountID: UUID { DerivedID.uuid("fhir-account", order.id.lowercased) }

    func targetGroupID(_ code: KLCode) -> UUID { DerivedID.uuid("fhir-target-group", order.id.lowercased, code.rawValue) }
    func conditionID(assessment: UUID, theme: KLCode) -> UUID { DerivedID.uuid("fhir-condition", assessment.lowercased, theme.rawValue) }
    func goalThemeID(_ theme: KLCode) -> UUID { DerivedID.uuid("fhir-goal-theme", order.id.lowercased, theme.rawValue) }

    // MARK: Resources

    func header(id: UUID, sender: Organization, receiver: Organization) -> JSONValue {
        var focus = [FHIRBuild.reference(order.id)]
        focus += package.assessments.map { FHIRBuild.reference($0.id) }
        if order.payer != nil { focus.append(FHIRBuild.reference(accountID)) }
        return FHIRBuild.object([
            ("resourceType", .string("MessageHeader")),
            ("id", .string(id.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("orderMessageHeader"))),
            ("eventCoding", FHIRBuild.coding(FHIRURLs.messageEvent, "ffb-order")),
            ("destination", .array([FHIRBuild.object([
                ("endpoint", .string(endpoint(receiver))),
                ("receiver", FHIRBuild.reference(organizationID(receiver))),
            ])])),
            ("sender", FHIRBuild.reference(organizationID(sender))),
            ("source", FHIRBuild.object([("endpoint", .string(endpoint(sender)))])),
            ("focus", .array(focus)),
        ])
    }

    /// Endpoints are the parties' business, not the records'; a URN per organisation marks where one belongs.
    func endpoint(_ organization: Organization) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return "urn:ffbkit:endpoint:" + (organization.identifier.addingPercentEncoding(withAllowedCharacters: allowed) ?? "unknown")
    }

    func organization(_ organization: Organization, profile: String) -> JSONValue {
        FHIRBuild.object([
            ("resourceType", .string("Organization")),
            ("id", .string(organizationID(organization).lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile(profile))),
            ("identifier", .array([FHIRBuild.identifier(organization.identifier)])),
            ("name", .string(organization.name)),
        ])
    }

    func patient() -> JSONValue {
        let name = package.citizen.name
        let parts = name.split(separator: " ").map(String.init)
        return FHIRBuild.object([
            ("resourceType", .string("Patient")),
            ("id", .string(patientID.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("citizen"))),
            ("identifier", .array([FHIRBuild.object([
                ("use", .string("official")), ("system", .string(FHIRURLs.cpr)), ("value", .string(package.citizen.cpr.digits)),
            ])])),
            ("name", .array([FHIRBuild.object([
                ("use", .string("official")),
                ("text", .string(name)),
                ("family", FHIRBuild.string(parts.last)),
                ("given", parts.count > 1 ? .array(parts.dropLast().map(JSONValue.string)) : nil),
            ])])),
            ("telecom", package.contact?.phone.map { .array([FHIRBuild.object([("system", .string("phone")), ("value", .string($0))])]) }),
            ("address", package.contact?.address.map { address in
                .array([FHIRBuild.object([
                    ("line", .array([.string(address.line)])), ("postalCode", .string(address.postalCode)), ("city", .string(address.city)),
                ])])
            }),
        ])
    }

    func caseNumberExtension() -> JSONValue {
        let details = package.caseDetails
        return FHIRBuild.object([
            ("url", .string(FHIRURLs.municipalityCaseNumber)),
            ("extension", .array([FHIRBuild.object([
                ("url", .string("municipalitySpecific")),
                ("valueIdentifier", FHIRBuild.object([
                    ("use", .string("usual")),
                    ("system", .string(caseSystem)),
                    ("value", .string(details.number)),
                    ("period", FHIRBuild.object([("start", .string(details.opened.iso))])),
                    ("assigner", FHIRBuild.object([
                        ("identifier", FHIRBuild.object([("system", .string(FHIRURLs.municipalityCodes)), ("value", .string(details.municipality.code))])),
                        ("display", .string(details.municipality.name)),
                    ])),
                ])),
            ])])),
        ])
    }

    func carePlan(sender: Organization) -> JSONValue {
        let municipality = package.caseDetails.municipality
        var activities: [JSONValue] = []
        if let followUp = order.followUpDate {
            activities.append(FHIRBuild.object([("detail", FHIRBuild.object([
                ("status", .string("not-started")),
                ("scheduledTiming", FHIRBuild.object([("repeat", FHIRBuild.object([("boundsPeriod", FHIRBuild.object([("start", .string(followUp.iso))]))]))])),
                ("description", .string("Opfølgning")),
            ]))]))
        }
        activities.append(FHIRBuild.object([
            ("outcomeReference", .array([FHIRBuild.reference(supportID)])),
            ("detail", FHIRBuild.object([
                ("code", FHIRBuild.concept(FHIRURLs.careSocialCodes, FHIRURLs.evaluationActivity, display: "evaluering")),
                ("status", .string("completed")),
            ])),
        ]))
        return FHIRBuild.object([
            ("resourceType", .string("CarePlan")),
            ("id", .string(order.id.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("orderCarePlan"))),
            ("extension", .array([
                FHIRBuild.object([
                    ("url", .string(FHIRURLs.actingMunicipality)),
                    ("valueCoding", FHIRBuild.coding(FHIRURLs.municipalityCodes, municipality.code, display: municipality.name)),
                ]),
                caseNumberExtension(),
            ])),
            ("status", .string("active")),
            ("intent", .string("order")),
            ("category", .array([FHIRBuild.concept(FHIRURLs.careSocialCodes, FHIRURLs.socialIntervention, display: "Social indsats")])),
            ("subject", FHIRBuild.reference(patientID)),
            ("period", FHIRBuild.object([("start", .string(order.start.iso))])),
            ("created", .string(order.issued.iso)),
            ("author", FHIRBuild.reference(organizationID(sender))),
            ("careTeam", order.offerType == nil ? nil : .array([FHIRBuild.reference(careTeamID)])),
            ("addresses", .array(order.targetGroups.map { FHIRBuild.rankedReference(targetGroupID($0.code), rank: $0.isPrimary ? 1 : 2) })),
            ("goal", .array(package.goals.map { FHIRBuild.reference($0.goal.id) } + (writesPurpose ? [FHIRBuild.reference(purposeID)] : []))),
            ("activity", .array(activities)),
        ])
    }

    func intervention(_ service: KLCode, id: UUID) -> JSONValue {
        FHIRBuild.object([
            ("resourceType", .string("CarePlan")),
            ("id", .string(id.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("intervention"))),
            ("basedOn", .array([FHIRBuild.reference(order.id)])),
            ("status", .string("active")),
            ("intent", .string("order")),
            ("subject", FHIRBuild.reference(patientID)),
            ("period", FHIRBuild.object([("start", .string(order.start.iso))])),
            ("created", .string(order.issued.iso)),
            ("activity", .array([FHIRBuild.object([("detail", FHIRBuild.object([
                ("code", FHIRBuild.concept(FHIRURLs.ffb, service.rawValue)),
                ("status", .string("not-started")),
            ]))])])),
        ])
    }

    func careTeam(receiver: Organization) -> JSONValue {
        FHIRBuild.object([
            ("resourceType", .string("CareTeam")),
            ("id", .string(careTeamID.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("servicePerformer"))),
            ("category", order.offerType.map { .array([FHIRBuild.concept(FHIRURLs.ffb, $0.rawValue)]) }),
            ("subject", FHIRBuild.reference(patientID)),
            ("participant", .array([FHIRBuild.object([
                ("role", .array([FHIRBuild.concept(FHIRURLs.participantRole, "koordinerende-udfører")])),
                ("member", FHIRBuild.reference(organizationID(receiver))),
            ])])),
        ])
    }

    func targetGroup(_ code: KLCode) -> JSONValue {
        FHIRBuild.object([
            ("resourceType", .string("Condition")),
            ("id", .string(targetGroupID(code).lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("targetGroup"))),
            ("code", FHIRBuild.concept(FHIRURLs.ffb, code.rawValue)),
            ("subject", FHIRBuild.reference(patientID)),
        ])
    }

    func supportEvaluation() -> JSONValue {
        FHIRBuild.object([
            ("resourceType", .string("Observation")),
            ("id", .string(supportID.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("evaluation"))),
            ("status", .string("final")),
            ("code", FHIRBuild.concept(FHIRURLs.careSocialCodes, FHIRURLs.supportLevelEvaluation, display: "FFB støttebehovsvurdering")),
            ("subject", FHIRBuild.reference(patientID)),
            ("effectiveDateTime", .string(order.issued.iso)),
            ("valueCodeableConcept", FHIRBuild.concept(FHIRURLs.ffb, order.supportLevel.klCode.rawValue, display: order.supportLevel.danishName)),
        ])
    }
}
