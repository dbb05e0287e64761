import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

extension FHIRMapping {
    /// The order CarePlan: the one the MessageHeader focuses on, else the bundle's CarePlan with
    /// intent `order` that is based on nothing (services are based on the order).
    mutating func orderCarePlan(header: FHIRMessageHeader) -> (resource: FHIRResource, plan: FHIRCarePlan)? {
        let focused = header.focus.compactMap { bundle.resolve($0) }.first { $0.type == "CarePlan" }
        let candidate = focused ?? bundle.resources.first { resource in
            resource.type == "CarePlan" && resource.value["intent"]?.stringValue == "order" && resource.value["basedOn"] == nil
                && resource.profiles.contains(FHIRURLs.messagingProfile("orderCarePlan"))
        } ?? bundle.resources.first { $0.type == "CarePlan" && $0.value["intent"]?.stringValue == "order" && $0.value["basedOn"] == nil }
        guard let resource = candidate else {
            issues.error("the message holds no order CarePlan (intent \"order\") in MessageHeader.focus", at: header.pointer.appending("focus"))
            return nil
        }
        guard let plan = read(resource, as: FHIRCarePlan.self, FHIRCarePlan.read) else { return nil }
        return (resource, plan)
    }

    mutating func rawOrder(_ resource: FHIRResource, _ plan: FHIRCarePlan, sender: RawParty?, receiver: RawParty?) -> RawOrder? {
        let citizen = citizen(plan)
        let issued = date(plan.created)
        if plan.created == nil { issues.error("missing required property \"created\" (the date the order was issued)", at: resource.pointer) }
        let start = date(plan.periodStart)
        if plan.periodStart == nil { issues.error("the order has no start (CarePlan.period.start)", at: resource.pointer) }
        var caseFile: RawCase?
        if let issued { caseFile = self.caseFile(resource, plan, issued: issued, sender: sender) }
        let services = services(of: resource)
        let offerType = offerType(plan)
        let targetGroups = targetGroups(plan)
        let supportLevel = supportLevel(plan, resource: resource)
        let followUp = date(plan.activities.compactMap(\.scheduledStart).first)
        let payer = payer()
        let assessments = assessments(order: resource, plan: plan, issued: issued?.value, caseNumber: caseFile?.number.value)
        let goals = goals(plan)
        guard let citizen, let issued, let start, let caseFile, let receiver, let supportLevel, let goals else { return nil }
        let terms = RawOrderTerms(
            id: Located(uuid(resource), at: resource.pointer.appending("id")), services: services, offerType: offerType,
            targetGroups: targetGroups, provider: receiver, payer: payer, supportLevel: supportLevel, issued: issued, start: start,
            followUpDate: followUp, pointer: resource.pointer
        )
        return RawOrder(citizen: citizen, caseFile: caseFile, assessments: assessments, order: terms, goals: goals, pointer: resource.pointer)
    }

    mutating func citizen(_ plan: FHIRCarePlan) -> RawCitizen? {
        guard let subject = plan.subject else {
            issues.error("the order names no citizen (CarePlan.subject)", at: plan.pointer)
            return nil
        }
        guard let resource = resolve(subject, "Patient", what: "the citizen"),
              let patient = read(resource, as: FHIRPatient.self, FHIRPatient.read) else { return nil }
        assign(resource, .citizen)
        guard let cpr = patient.cpr else {
            issues.error("the citizen has no CPR number (an identifier with system \(FHIRURLs.cpr))", at: resource.pointer)
            return nil
        }
        guard let name = patient.name else {
            issues.error("the citizen has no name", at: resource.pointer)
            return nil
        }
        contact = contact(patient, name: name.value)
        do {
            return RawCitizen(cpr: Located(try Formats.cpr(cpr.value), at: cpr.pointer), name: name, pointer: resource.pointer)
        } catch {
            issues.error(String(describing: error), at: cpr.pointer)
            return nil
        }
    }

    /// The case: KL Core's MunicipalityCaseNumber (its identifier's period start is the day the
    /// case was opened, its assigner the municipality) and the acting municipality.
    mutating func caseFile(_ resource: FHIRResource, _ plan: FHIRCarePlan, issued: Located<LocalDate>, sender: RawParty?) -> RawCase? {
        let caseExtension = plan.extensions.first(FHIRURLs.municipalityCaseNumber, FHIRURLs.reportingCaseNumber)
        let identifier = caseExtension.flatMap { $0.nested("municipalitySpecific")?.valueIdentifier ?? $0.nested("official")?.valueIdentifier }
        let acting = plan.extensions.first(FHIRURLs.actingMunicipality)?.valueCoding
        var number = identifier?.value
        if number == nil {
            let id = uuid(resource).lowercased
            issues.warning("the order carries no case number (MunicipalityCaseNumber); the case is recorded under the order's id", at: resource.pointer)
            number = Located(id, at: resource.pointer.appending("id"))
        }
        let opened = date(identifier?.period?.start) ?? issued
        let codeText = acting?.code ?? identifier?.assigner?.identifierValue?.value
        guard let code = codeText else {
            issues.error("the order names no municipality (the acting municipality extension or the case number's assigner)", at: resource.pointer)
            return nil
        }
        let codePointer = acting?.codePointer ?? identifier?.assigner?.identifierValue?.pointer ?? resource.pointer
        let nameText = acting?.display ?? identifier?.assigner?.display ?? sender?.name.value
        guard let number, let name = nameText else {
            issues.error("the order's municipality has no name", at: codePointer)
            return nil
        }
        return RawCase(number: number, opened: opened, municipalityName: Located(name, at: codePointer), municipalityCode: Located(code, at: codePointer),
                       pointer: caseExtension?.pointer ?? resource.pointer)
    }

    /// Services: the Intervention CarePlans based on the order, each with an FFB service code.
    mutating func services(of order: FHIRResource) -> Located<[Located<String>]> {
        var codes: [Located<String>] = []
        for (resource, service) in plans(basedOn: order) {
            let coded = service.activities.compactMap { activity in activity.code?.ffb.map { ($0, activity) } }
            // A service without an FFB code (KL's example has "Kørsel efter §105") is kept as it came.
            guard let coding = coded.first?.0, let code = coding.code else { continue }
            if let klCode = KLCode(code) { assign(resource, .service(klCode)) }
            // Two CarePlans of one service are one service of the order, read once.
            if let first = codes.first(where: { $0.value == code }) {
                issues.warning("service \(Quoted.value(code)) is planned twice (first at \(first.pointer.location)); the order has it once", at: coding.codePointer)
                continue
            }
            codes.append(Located(code, at: coding.codePointer))
        }
        return Located(codes, at: order.pointer)
    }

    /// The CarePlans (services) whose `basedOn` names `order`, read.
    mutating func plans(basedOn order: FHIRResource) -> [(FHIRResource, FHIRCarePlan)] {
        var result: [(FHIRResource, FHIRCarePlan)] = []
        for resource in bundle.resources where resource.type == "CarePlan" && resource.position != order.position {
            let basedOn = resource.value["basedOn"]?.arrayValue ?? []
            let onOrder = basedOn.contains { bundle.resolve($0["reference"]?.stringValue)?.position == order.position }
            guard onOrder, let service = read(resource, as: FHIRCarePlan.self, FHIRCarePlan.read) else { continue }
            result.append((resource, service))
        }
        return result
    }

    mutating func offerType(_ plan: FHIRCarePlan) -> Located<String>? {
        for reference in plan.careTeams {
            guard let resource = resolve(reference, "CareTeam", what: "the care team"),
                  let team = read(resource, as: FHIRCareTeam.self, FHIRCareTeam.read) else { continue }
            if let coding = team.category.compactMap(\.ffb).first, let code = coding.code {
                assign(resource, .servicePerformer)
                return Located(code, at: coding.codePointer)
            }
        }
        return nil
    }

    /// Target groups: the Conditions the order addresses, ConditionRank 1 for the primary one.
    mutating func targetGroups(_ plan: FHIRCarePlan) -> Located<[RawTargetGroup]> {
        var groups: [RawTargetGroup] = []
        for address in plan.addresses {
            guard let resource = resolve(address.reference, "Condition", what: "a target group"),
                  let condition = read(resource, as: FHIRCondition.self, FHIRCondition.read) else { continue }
            if let rank = address.rank, rank.value != 1, rank.value != 2 {
                issues.error("ConditionRank is 1 (primary) or 2 (secondary)", at: rank.pointer)
                continue
            }
            guard let coding = condition.code?.ffb, let code = coding.code else {
                issues.error("a target group needs an FFB code", at: resource.pointer.appending("code"))
                continue
            }
            if let klCode = KLCode(code) { assign(resource, .targetGroup(klCode)) }
            groups.append(RawTargetGroup(code: Located(code, at: coding.codePointer), isPrimary: address.rank?.value == 1,
                                         pointer: address.reference.pointer, primaryPointer: address.rank?.pointer))
        }
        return Located(groups, at: plan.pointer.appending("addresses"))
    }

    /// The support level: the evaluation Observation (støttebehovsvurdering) linked from the
    /// order's activity, else from an information gathering, else any in the bundle.
    mutating func supportLevel(_ plan: FHIRCarePlan, resource: FHIRResource) -> Located<Assessed<SupportLevel>>? {
        let linked = plan.activities.flatMap(\.outcomes).compactMap { bundle.resolve($0) }
        let candidates = linked + bundle.resources.filter { $0.type == "Observation" }
        for candidate in candidates where candidate.type == "Observation" {
            let isSupport = (candidate.value["code"]?["coding"]?.arrayValue ?? []).contains {
                FHIRURLs.isCareSocial($0["system"]?.stringValue) && $0["code"]?.stringValue == FHIRURLs.supportLevelEvaluation
            }
            guard isSupport, let observation = read(candidate, as: FHIRObservation.self, FHIRObservation.read) else { continue }
            assign(candidate, .supportLevel)
            guard let coding = observation.value?.ffb, let code = coding.code else {
                issues.error("the support-level evaluation has no FFB support level", at: candidate.pointer.appending("valueCodeableConcept"))
                return nil
            }
            guard let level = KLCode(code).flatMap(Assessed<SupportLevel>.init(klCode:)) else {
                issues.error("\(Quoted.value(code)) is not an FFB support level (A–E or ikke vurderet)", at: coding.codePointer)
                return nil
            }
            return Located(level, at: coding.codePointer)
        }
        issues.warning("the message has no support-level evaluation (støttebehovsvurdering); recorded as ikke vurderet", at: resource.pointer)
        return Located(.notAssessed, at: resource.pointer)
    }

    /// The payer: the Account's owner.
    mutating func payer() -> RawParty? {
        guard let account = bundle.resources.first(where: { $0.type == "Account" }),
              let value = read(account, as: FHIRAccount.self, FHIRAccount.read) else { return nil }
        accountNumber = value.number?.value
        guard let owner = value.owner else {
            issues.warning("the account names no owner; no payer is recorded", at: account.pointer)
            return nil
        }
        let payer = party(owner, role: "payer (account owner)", at: owner.pointer)
        if payer != nil, let ownerResource = bundle.resolve(owner) {
            assign(account, .account)
            assign(ownerResource, .payer)
        }
        return payer
    }
}

extension FHIRMapping {
    /// The citizen's phone number and address, as FFBKit records them; what does not fit (a
    /// second address, next of kin) stays in the kept Patient resource.
    mutating func contact(_ patient: FHIRPatient, name: String) -> CitizenContact? {
        var address: PostalAddress?
        if let read = patient.address {
            do {
                address = try PostalAddress(line: read.lines.joined(separator: ", "), postalCode: read.postalCode ?? "", city: read.city ?? "")
            } catch {
                issues.warning("the address is incomplete (\(error.message)); it is kept as it came, not recorded as the citizen's address", at: read.pointer)
            }
        }
        do {
            return try CitizenContact(name: name, phone: patient.phone?.value, address: address)
        } catch {
            issues.warning("\(error.message); the telecom is kept as it came, not recorded as the citizen's phone", at: patient.phone?.pointer ?? JSONPointer())
            return try? CitizenContact(name: name, phone: nil, address: address)
        }
    }
}
