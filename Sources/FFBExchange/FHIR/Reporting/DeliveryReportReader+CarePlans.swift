import FFBCatalog
import FFBFiles
import FFBJSON
import FFBModel
import Foundation

extension FHIRMapping {
    /// One social indsats as read, with what its follow-ups need from it.
    struct ReadIntervention {
        var raw: RawIntervention
        var position: Int
        var supportLevel: Located<Assessed<SupportLevel>>
    }

    /// Whether a CarePlan is a service (Intervention, based on an indsats) rather than an indsats.
    func isService(_ resource: FHIRResource) -> Bool {
        if resource.profiles.contains(FHIRURLs.reportingProfile("intervention")) { return true }
        if resource.profiles.contains(FHIRURLs.reportingProfile("carePlan")) { return false }
        return resource.value["basedOn"] != nil
    }

    // MARK: Social indsatser

    /// Every indsats CarePlan as an order: its services (the Intervention CarePlans based on it),
    /// offer type, target groups, support level, follow-up date, state and goals.
    mutating func reportedInterventions(_ context: inout ReportContext) -> [ReadIntervention] {
        var result: [ReadIntervention] = []
        for resource in bundle.resources where resource.type == "CarePlan" {
            if isService(resource) {
                checkService(resource)
                continue
            }
            guard let plan = read(resource, as: FHIRCarePlan.self, FHIRCarePlan.read),
                  let intervention = reportedIntervention(resource, plan, &context) else { continue }
            result.append(intervention)
        }
        linkReplacedGoals(&result)
        return result
    }

    /// A service is based on an indsats, not on another service; its own end is not kept.
    private mutating func checkService(_ resource: FHIRResource) {
        guard let service = read(resource, as: FHIRCarePlan.self, FHIRCarePlan.read) else { return }
        if service.basedOn.isEmpty { issues.error("a service (Intervention) must be based on its social indsats (basedOn)", at: resource.pointer) }
        for reference in service.basedOn {
            guard let target = resolve(reference, "CarePlan", what: "the service's indsats (basedOn)") else { continue }
            if isService(target) {
                issues.error("the service's indsats (basedOn) must be a social indsats CarePlan, found another service (Intervention)", at: reference.pointer)
            }
        }
        let parentEnds = service.basedOn.compactMap { bundle.resolve($0) }.contains { $0.value["period"]?["end"] != nil }
        if let end = service.periodEnd, !parentEnds {
            issues.warning("the service ends on \(Excerpt.plain(end.value)); FFBKit keeps the end of the whole indsats (a follow-up), not of one service", at: end.pointer)
        }
    }

    private mutating func reportedIntervention(_ resource: FHIRResource, _ plan: FHIRCarePlan, _ context: inout ReportContext) -> ReadIntervention? {
        let id = Located(uuid(resource), at: resource.pointer.appending("id"))
        var caseNumber = plan.extensions.caseNumber
        if caseNumber == nil {
            let known = Set(context.caseNumbers.values.map(\.value))
            if known.count == 1, let only = context.caseNumbers.values.first {
                caseNumber = Located(only.value, at: resource.pointer)
                issues.warning("the indsats carries no case number (municipalityCaseNumber); the report's one case is used", at: resource.pointer)
            } else {
                issues.error("the indsats carries no case number (municipalityCaseNumber, required)", at: resource.pointer)
            }
        }
        let start = date(plan.periodStart)
        if plan.periodStart == nil { issues.error("the indsats has no start (period.start)", at: resource.pointer) }
        if let intent = plan.intent, intent.value != "order" {
            issues.warning("intent \(Quoted.value(intent.value)): recorded as an ordered indsats (KL's example sends a granted indsats as a plan first)", at: intent.pointer)
        }
        let services = plans(basedOn: resource)
        let codes = self.services(of: resource)
        let created = services.compactMap { date($0.1.created)?.value }.min()
        let offerType = offerType(plan)
        let targetGroups = distinctTargetGroups(plan)
        let support = supportEvaluation(plan, resource: resource)
        var followUpDate: Located<LocalDate>?
        if let reference = plan.extensions.first(FHIRURLs.reportingFollowUpDate)?.valueReference,
           let encounterResource = resolve(reference, "Encounter", what: "the follow-up date (followUpDate)"),
           let encounter = read(encounterResource, as: FHIREncounter.self, FHIREncounter.read) {
            followUpDate = date(encounter.start)
        }
        var ended: Located<LocalDate>?
        let status = plan.status?.value
        if let end = date(plan.periodEnd) {
            ended = end
        } else if status == "completed" || status == "revoked", let day = context.reportDay {
            ended = Located(day, at: plan.status?.pointer ?? resource.pointer)
            issues.warning("the indsats is \(status ?? "") without an end (period.end); the report's day is taken as its end", at: resource.pointer)
        }
        let goals = planGoals(plan)
        guard let caseNumber, let start, let support, let goals else { return nil }
        context.noteCase(caseNumber, date: min(created ?? start.value, start.value))
        let provider = Located(Self.notReported, at: resource.pointer)
        let terms = RawOrderTerms(
            id: id, services: codes, offerType: offerType, targetGroups: targetGroups, provider: RawParty(name: provider, identifier: provider, pointer: resource.pointer),
            payer: nil, supportLevel: support.level, issued: Located(min(created ?? start.value, start.value), at: start.pointer), start: start,
            followUpDate: followUpDate, pointer: resource.pointer
        )
        let raw = RawIntervention(caseNumber: caseNumber, terms: terms, supportLevelDate: support.date, ended: ended, goals: goals, replacedGoals: [:],
                                  enteredInError: status == "entered-in-error" ? "entered in error (DeliveryReport)" : nil)
        return ReadIntervention(raw: raw, position: resource.position, supportLevel: support.level)
    }

    /// The target groups the indsats addresses. KL's example gives two TargetGroup Conditions one
    /// code; the group is recorded once (primary if either address is).
    private mutating func distinctTargetGroups(_ plan: FHIRCarePlan) -> Located<[RawTargetGroup]> {
        let all = targetGroups(plan)
        var groups: [RawTargetGroup] = []
        for group in all.value {
            guard let index = groups.firstIndex(where: { $0.code.value == group.code.value }) else {
                groups.append(group)
                continue
            }
            issues.warning("target group \(Quoted.value(group.code.value)) is addressed twice (first at \(groups[index].pointer.location)); recorded once", at: group.pointer)
            if group.isPrimary, !groups.contains(where: \.isPrimary) { groups[index].isPrimary = true }
        }
        return Located(groups, at: all.pointer)
    }

    /// The support-level evaluation (CareEvaluation) the CarePlan links (`activity.outcomeReference`;
    /// KL: the CarePlan's is the one that counts) and its day.
    private mutating func supportEvaluation(_ plan: FHIRCarePlan, resource: FHIRResource) -> (level: Located<Assessed<SupportLevel>>, date: LocalDate?)? {
        let references = plan.activities.flatMap(\.outcomes)
        guard let reference = references.first else {
            issues.warning("the indsats links no support-level evaluation (activity.outcomeReference); recorded as ikke vurderet", at: resource.pointer)
            return (Located(.notAssessed, at: resource.pointer), nil)
        }
        for extra in references.dropFirst() {
            issues.warning("a CarePlan links one support-level evaluation; only the first is read", at: extra.pointer)
        }
        guard let evaluationResource = resolve(reference, "Observation", what: "the support-level evaluation (activity.outcomeReference)"),
              let evaluation = read(evaluationResource, as: FHIRObservation.self, FHIRObservation.read) else { return nil }
        guard evaluation.code?.hasCareSocial(FHIRURLs.supportLevelEvaluation) == true else {
            issues.error("the support-level evaluation must be an Observation with code \(FHIRURLs.supportLevelEvaluation) (støttebehovsvurdering)", at: reference.pointer)
            return nil
        }
        guard let coding = evaluation.value?.ffb, let code = coding.code else {
            issues.error("the support-level evaluation has no FFB support level", at: evaluationResource.pointer.appending("valueCodeableConcept"))
            return nil
        }
        guard let level = KLCode(code).flatMap(Assessed<SupportLevel>.init(klCode:)) else {
            issues.error("\(Quoted.value(code)) is not an FFB support level (A–E or ikke vurderet)", at: coding.codePointer)
            return nil
        }
        let day = date(evaluation.effective)
        if evaluation.effective == nil { issues.error("the support-level evaluation has no date (effectiveDateTime)", at: evaluationResource.pointer) }
        return (Located(level, at: coding.codePointer), day?.value)
    }

    /// The goals the CarePlan names, each a first version under its own id (KL: a changed goal
    /// gets a new id). Goal text is never reported.
    private mutating func planGoals(_ plan: FHIRCarePlan) -> [RawGoal]? {
        var goals: [RawGoal] = []
        var valid = true
        for reference in plan.goals {
            guard let resource = resolve(reference, "Goal", what: "a goal"), isInterventionGoal(resource),
                  let goal = read(resource, as: FHIRGoal.self, FHIRGoal.read) else { continue }
            guard let raw = rawGoal(goal, resource: resource, version: 1, series: uuid(resource), supersedes: nil, unreportedDescription: Self.notReported) else {
                valid = false
                continue
            }
            goals.append(raw)
        }
        return valid ? goals : nil
    }

    /// Goals no CarePlan names. One re-sent `cancelled` on the primary theme of a goal a CarePlan
    /// names is that goal's previous version (FFBKit's own reports send a replaced goal so); any
    /// other belongs to no indsats (KL's examples leave `CarePlan.goal` empty) and is not imported.
    private mutating func linkReplacedGoals(_ interventions: inout [ReadIntervention]) {
        let named = Set(interventions.flatMap { $0.raw.goals.map(\.id.value) })
        for resource in bundle.resources where resource.type == "Goal" && !named.contains(uuid(resource)) {
            touch(resource)
            let cancelled = resource.value["lifecycleStatus"]?.stringValue == "cancelled"
            let primary = cancelled ? primaryThemeCode(resource) : nil
            var linked = false
            if let primary {
                for index in interventions.indices {
                    guard let goal = interventions[index].raw.goals.first(where: { $0.primaryTheme.value == primary }) else { continue }
                    interventions[index].raw.replacedGoals[goal.id.value] = uuid(resource)
                    linked = true
                    break
                }
            }
            if !linked {
                issues.warning("no CarePlan names this goal (CarePlan.goal), so it belongs to no indsats; not imported", at: resource.pointer)
            }
        }
    }

    private func primaryThemeCode(_ resource: FHIRResource) -> String? {
        for address in resource.value["addresses"]?.arrayValue ?? [] {
            let ranks = (address["extension"]?.arrayValue ?? []).filter { $0["url"]?.stringValue == FHIRURLs.conditionRank }
            guard ranks.contains(where: { $0["valuePositiveInt"]?.intValue == 1 }) || ranks.isEmpty,
                  let condition = bundle.resolve(address["reference"]?.stringValue)
            else { continue }
            let codings = condition.value["code"]?["coding"]?.arrayValue ?? []
            if let code = codings.first(where: { FHIRURLs.isFFB($0["system"]?.stringValue) })?["code"]?.stringValue { return code }
        }
        return nil
    }

    // MARK: Follow-ups

    /// Each FollowUp Observation as a follow-up of the indsats it focuses on. Its support level is
    /// the indsats's evaluation when that was made the same day; its levels travel as an
    /// information gathering and are read as one.
    mutating func reportedFollowUps(interventions: [ReadIntervention]) -> (followUps: [RawFollowUp], withdrawn: [UUID: String]) {
        var followUps: [RawFollowUp] = []
        var withdrawn: [UUID: String] = [:]
        for resource in bundle.resources where resource.type == "Observation" && isFollowUp(resource) {
            guard let observation = read(resource, as: FHIRObservation.self, FHIRObservation.read) else { continue }
            let id = Located(uuid(resource), at: resource.pointer.appending("id"))
            if observation.status?.value == "entered-in-error" {
                withdrawn[id.value] = "entered in error (DeliveryReport)"
                continue
            }
            guard let focus = observation.focus.first else {
                issues.error("the follow-up names no indsats (focus)", at: resource.pointer)
                continue
            }
            guard let target = resolve(focus, "CarePlan", what: "the follow-up's indsats (focus)") else { continue }
            if isService(target) {
                issues.error("the follow-up's indsats (focus) must be a social indsats CarePlan, found a service (Intervention)", at: focus.pointer)
                continue
            }
            let date = self.date(observation.effective)
            if observation.effective == nil { issues.error("the follow-up has no date (effectiveDateTime)", at: resource.pointer) }
            guard let coding = observation.value?.ffb, let code = coding.code else {
                issues.error("the follow-up has no FFB result (valueCodeableConcept: continue, end, or end and refer)", at: resource.pointer)
                continue
            }
            guard let status = KLCode(code).flatMap(FollowUpStatus.init(klCode:)) else {
                issues.error("\(Quoted.value(code)) is not an FFB follow-up result (continue, end, or end and refer)", at: coding.codePointer)
                continue
            }
            guard let date, let intervention = interventions.first(where: { $0.position == target.position }) else { continue }
            let supportLevel = intervention.raw.supportLevelDate == date.value ? intervention.supportLevel : nil
            followUps.append(RawFollowUp(
                id: id, orderID: Located(uuid(target), at: focus.pointer), date: date, author: Located(Self.notReported, at: resource.pointer),
                status: Located(status, at: coding.codePointer), supportLevel: supportLevel, entries: Located([], at: resource.pointer),
                goalEvaluations: [], pointer: resource.pointer
            ))
        }
        return (followUps, withdrawn)
    }

    private func isFollowUp(_ resource: FHIRResource) -> Bool {
        if resource.profiles.contains(FHIRURLs.reportingProfile("followUp")) { return true }
        if resource.profiles.contains(FHIRURLs.reportingProfile("careEvaluation")) { return false }
        return resource.value["focus"] != nil
    }
}
