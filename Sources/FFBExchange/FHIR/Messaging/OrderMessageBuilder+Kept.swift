import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

/// An element KL's order profiles require that an order lacks, so it cannot be sent.
public enum MissingRequirement: Hashable, Sendable {
    /// Patient.telecom:phone 1..*
    case citizenPhone
    /// CarePlan.goal:fpurpose 1..1
    case purpose
    /// Account.identifier:accountno 1..1 (only when the order names a payer)
    case payerAccount(payer: String)
    /// CarePlan.addresses 1..*
    case targetGroup
    /// AccountOwner.identifier:eanIdentifier 1..1 (a payer other than the sender and the provider)
    case payerEAN(payer: String, identifier: String)

    /// What to record and how, in one sentence; `citizen` is a pseudonym, never a CPR number.
    public func instruction(citizen: String, order: String) -> String {
        switch self {
        case .citizenPhone:
            "the citizen \(citizen) has no phone number, which KL's order message requires (Patient.telecom:phone): record it with ffb citizen update \(citizen) --phone NUMBER"
        case .purpose:
            "order \(order) has no purpose (indsatsformål), which KL's order message requires (CarePlan.goal:fpurpose): record it with ffb order update \(order) --purpose TEXT"
        case .payerAccount(let payer):
            "order \(order) names the payer \(payer) but no payer account number, which KL's order message requires (Account.identifier:accountno): record it with ffb order update \(order) --payer-account NUMBER"
        case .targetGroup:
            "order \(order) names no target group (målgruppe), which KL's order message requires (CarePlan.addresses); an order's terms never change, so create it again with ffb order create ... --target-group GROUP"
        case .payerEAN(let payer, let identifier):
            "order \(order) names the payer \(payer) by \"\(identifier)\", but KL's order message names a paying organisation by its 13-digit EAN number (AccountOwner.identifier:eanIdentifier); an order's terms never change, so create it again with ffb order create ... --payer-id EAN"
        }
    }
}

extension OrderMessageWriter {
    /// What `package` lacks that KL's order profiles require, in the order the message has it.
    public static func missingRequirements(_ package: OrderPackage) -> [MissingRequirement] {
        var missing: [MissingRequirement] = []
        if package.contact?.phone == nil { missing.append(.citizenPhone) }
        if package.order.targetGroups.isEmpty { missing.append(.targetGroup) }
        if package.details?.purpose == nil, package.kept?.resources(.purpose).isEmpty ?? true { missing.append(.purpose) }
        if let payer = package.order.payer {
            if package.details?.payerAccount == nil { missing.append(.payerAccount(payer: payer.name)) }
            let municipality = package.caseDetails.municipality
            let isEAN = payer.identifier.utf8.count == 13 && payer.identifier.utf8.allSatisfy { (48...57).contains($0) }
            let isMessagingParty = payer == package.order.provider || (payer.name == municipality.name && payer.identifier == municipality.code)
            if !isMessagingParty, !isEAN { missing.append(.payerEAN(payer: payer.name, identifier: payer.identifier)) }
        }
        return missing
    }
}

extension OrderMessageBuilder {
    var purposeID: UUID { DerivedID.uuid("fhir-purpose", order.id.lowercased) }

    /// The kept purpose goals, when they say what the order's details say (a purpose recorded
    /// since replaces them).
    var keptPurposes: [KeptResource] {
        let kept = package.kept?.resources(.purpose) ?? []
        guard let text = package.details?.purpose else { return kept }
        return kept.contains { $0.resource["description"]?["text"]?.stringValue == text } ? kept : []
    }

    /// Whether the message gets a purpose goal written from the order's details.
    var writesPurpose: Bool { package.details?.purpose != nil && keptPurposes.isEmpty }

    func purposeGoal(_ text: String) -> JSONValue {
        FHIRBuild.object([
            ("resourceType", .string("Goal")),
            ("id", .string(purposeID.lowercased)),
            ("meta", FHIRBuild.meta(FHIRURLs.messagingProfile("interventionPurpose"))),
            ("lifecycleStatus", .string("active")),
            ("category", .array([FHIRBuild.concept(FHIRURLs.careSocialCodes, FHIRURLs.purposeCategory, display: "Indsatsformål")])),
            ("description", FHIRBuild.object([("text", .string(text))])),
            ("subject", FHIRBuild.reference(patientID)),
        ])
    }

    /// The id the message gives the resource FFBKit rebuilds as `role`; nil when it writes none.
    func rebuiltID(_ role: ResourceRole, sender: Organization, receiver: Organization) -> UUID? {
        switch role {
        case .header: headerID
        case .sender: organizationID(sender)
        case .receiver: organizationID(receiver)
        case .payer: order.payer.map(organizationID)
        case .citizen: patientID
        case .order: order.id
        case .servicePerformer: order.offerType == nil ? nil : careTeamID
        case .supportLevel: supportID
        case .account: order.payer == nil ? nil : accountID
        case .service(let code): order.services.firstIndex(of: code).map { serviceID(position: $0, code) }
        case .targetGroup(let code): order.targetGroups.contains { $0.code == code } ? targetGroupID(code) : nil
        case .theme(let code): writtenThemes.contains(code) ? themeConditionID(code) : nil
        case .assessment(let id): package.assessments.contains { $0.id == id } ? id : nil
        case .goal(let id): package.goals.contains { $0.goal.id == id } ? id : nil
        case .purpose: writesPurpose ? purposeID : nil
        default: nil
        }
    }

    var writtenThemes: Set<KLCode> {
        Set(package.assessments.flatMap { $0.entries.map(\.theme) } + goalOnlyThemes)
    }

    /// Where each kept resource is in the message written: rebuilt ones at FFBKit's id, the
    /// others at their own (a `urn:uuid:` of their id, or of an id derived from it).
    func keptURLs(sender: Organization, receiver: Organization) -> [UUID?] {
        guard let kept = package.kept else { return [] }
        return kept.resources.map { resource in
            if resource.role.isRebuilt || (resource.role == .purpose && writesPurpose) {
                return rebuiltID(resource.role, sender: sender, receiver: receiver)
            }
            return verbatimID(resource)
        }
    }

    func verbatimID(_ resource: KeptResource) -> UUID {
        if let id = resource.id, let uuid = UUID(hyphenatedHex: id) { return uuid }
        return DerivedID.uuid("fhir-kept", order.id.lowercased, resource.key ?? resource.resource.jsonString())
    }

    /// The original reference texts of the kept resources, each to the reference the message writes.
    func referenceMap(sender: Organization, receiver: Organization) -> [String: String] {
        guard let kept = package.kept else { return [:] }
        var map: [String: String] = [:]
        for (position, url) in keptURLs(sender: sender, receiver: receiver).enumerated() {
            guard let url else { continue }
            let resource = kept.resources[position]
            let target = FHIRBuild.urn(url)
            if let key = resource.key, map[key] == nil { map[key] = target }
            if position < kept.fullUrls.count, let fullUrl = kept.fullUrls[position], map[fullUrl] == nil { map[fullUrl] = target }
        }
        return map
    }

    /// `value` with every `reference` pointed where the message has the resource now.
    static func rewritten(_ value: JSONValue, _ map: [String: String]) -> JSONValue {
        switch value {
        case .object(let object):
            return .object(JSONObject(object.members.map { member in
                if member.key == "reference", let text = member.value.stringValue {
                    let parts = text.split(separator: "/")
                    let target = map[text] ?? (parts.count >= 2 ? map[parts.suffix(2).joined(separator: "/")] : nil)
                    return (member.key, .string(target ?? text))
                }
                return (member.key, rewritten(member.value, map))
            }))
        case .array(let elements):
            return .array(elements.map { rewritten($0, map) })
        default:
            return value
        }
    }

    /// Members of a rebuilt resource whose original elements are added to FFBKit's when they name
    /// something FFBKit's do not (the citizen's objective on the order, a diagnosis among the
    /// findings, a document in the header's focus).
    static let unionMembers: Set<String> = ["goal", "supportingInfo", "finding", "investigation", "participant", "focus", "telecom"]

    /// A rebuilt resource with what the original had that FFBKit does not write: its other
    /// members as they came, and the elements of `unionMembers` FFBKit's lack.
    static func merged(_ built: JSONValue, original: JSONValue, _ map: [String: String]) -> JSONValue {
        guard case .object(var object) = built, case .object(let source) = rewritten(original, map) else { return built }
        for member in source.members where member.key != "text" {
            guard let mine = object[member.key] else {
                object[member.key] = member.value
                continue
            }
            guard unionMembers.contains(member.key), case .array(var elements) = mine, let theirs = member.value.arrayValue else { continue }
            if member.key == "telecom" {
                let systems = Set(elements.compactMap { $0["system"]?.stringValue })
                elements += theirs.filter { !systems.contains($0["system"]?.stringValue ?? "") }
            } else {
                let named = Set(elements.flatMap(references))
                elements += theirs.filter { element in
                    let refs = references(element)
                    return !refs.isEmpty && !refs.allSatisfy(named.contains)
                }
            }
            object[member.key] = .array(elements)
        }
        return .object(object)
    }

    static func references(_ value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            object.members.flatMap { member -> [String] in
                if member.key == "reference", let text = member.value.stringValue { return [text] }
                return references(member.value)
            }
        case .array(let elements): elements.flatMap(references)
        default: []
        }
    }

    /// The entries with the kept message folded in: each rebuilt resource merged with its
    /// original, then the written purpose, then every kept resource as it came.
    func withKept(_ entries: [JSONValue], sender: Organization, receiver: Organization) -> [JSONValue] {
        var entries = entries
        if writesPurpose, let text = package.details?.purpose { entries.append(FHIRBuild.entry(purposeID, purposeGoal(text))) }
        guard let kept = package.kept else { return entries }
        let map = referenceMap(sender: sender, receiver: receiver)
        let urls = keptURLs(sender: sender, receiver: receiver)
        var originals: [String: JSONValue] = [:]
        for (position, resource) in kept.resources.enumerated() where resource.role.isRebuilt {
            if let url = urls[position], originals[FHIRBuild.urn(url)] == nil { originals[FHIRBuild.urn(url)] = resource.resource }
        }
        entries = entries.map { entry in
            guard let url = entry["fullUrl"]?.stringValue, let original = originals[url], let resource = entry["resource"] else { return entry }
            return FHIRBuild.object([("fullUrl", .string(url)), ("resource", Self.merged(resource, original: original, map))])
        }
        for (position, resource) in kept.resources.enumerated() where !resource.role.isRebuilt {
            guard !(resource.role == .purpose && writesPurpose), let url = urls[position] else { continue }
            entries.append(FHIRBuild.entry(url, Self.rewritten(resource.resource, map)))
        }
        return entries
    }
}
