import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

extension FHIRMapping {
    /// The intervention goals (indsatsmål) the order names. Purpose and citizen-objective goals
    /// are kept as they came (`KeptMessage`). Versions: a goal whose `goal-relationship` says it
    /// was replaced by another is that one's previous version.
    mutating func goals(_ plan: FHIRCarePlan) -> [RawGoal]? {
        var read: [(resource: FHIRResource, goal: FHIRGoal)] = []
        for reference in plan.goals {
            guard let resource = resolve(reference, "Goal", what: "a goal"), isInterventionGoal(resource) else { continue }
            guard let goal = self.read(resource, as: FHIRGoal.self, FHIRGoal.read) else { continue }
            assign(resource, .goal(uuid(resource)))
            read.append((resource, goal))
        }
        // Replacements point forward (old → new); versions count back from the first.
        var replacedBy: [Int: Int] = [:]
        var predecessor: [Int: Int] = [:]
        for (resource, goal) in read {
            for relationship in goal.extensions where relationship.url == FHIRURLs.goalRelationship {
                let type = relationship.nested("type")?.valueCodeableConcept?.coding.first?.code
                guard type == "replacement", let target = bundle.resolve(relationship.nested("target")?.valueReference) else { continue }
                guard read.contains(where: { $0.resource.position == target.position }) else {
                    issues.error("the goal that replaces this one is not among the order's goals", at: relationship.pointer)
                    continue
                }
                if predecessor[target.position] != nil {
                    issues.error("two goals claim to be replaced by the same goal", at: relationship.pointer)
                    continue
                }
                replacedBy[resource.position] = target.position
                predecessor[target.position] = resource.position
            }
        }
        var goals: [RawGoal] = []
        for (resource, goal) in read {
            var chain = [resource.position]
            while let previous = predecessor[chain[chain.count - 1]], !chain.contains(previous) { chain.append(previous) }
            if let previous = predecessor[chain[chain.count - 1]], chain.contains(previous) {
                issues.error("the goal's replacements form a cycle", at: resource.pointer)
                continue
            }
            guard let first = bundle.resources.first(where: { $0.position == chain[chain.count - 1] }) else { continue }
            let supersedes = predecessor[resource.position].flatMap { position in bundle.resources.first { $0.position == position } }
            if let raw = rawGoal(goal, resource: resource, version: chain.count, series: uuid(first), supersedes: supersedes.map(uuid)) {
                goals.append(raw)
            }
        }
        return goals
    }

    /// Whether a goal of the order is an intervention goal (indsatsmål), by its category. KL Core
    /// makes the category 1..1, but a message may omit it; then there is one sensible reading: a goal
    /// with targets or themes is an intervention goal, one with neither is the purpose or the
    /// citizen's own objective, which FFBKit does not keep. Either way a warning says what was read.
    mutating func isInterventionGoal(_ resource: FHIRResource) -> Bool {
        let categories = (resource.value["category"]?.arrayValue ?? []).flatMap { $0["coding"]?.arrayValue ?? [] }.compactMap { $0["code"]?.stringValue }
        if categories.contains(FHIRURLs.purposeCategory) || categories.contains(FHIRURLs.citizenObjectiveCategory) { return false }
        guard categories.isEmpty else { return true }
        let hasContent = resource.value["target"] != nil || resource.value["addresses"] != nil
        issues.warning(hasContent
            ? "the goal has no category; read as an intervention goal (FFB indsatsmål) because it has targets or themes"
            : "the goal has no category and no targets or themes; read as the purpose or the citizen's objective and kept as it came",
            at: resource.pointer.appending("category"))
        return hasContent
    }

    /// One goal version. `unreportedDescription` stands in for the text where the guide sends none
    /// (a DeliveryReport's goal has a fixed SNOMED code instead).
    mutating func rawGoal(_ goal: FHIRGoal, resource: FHIRResource, version: Int, series: UUID, supersedes: UUID?,
                          unreportedDescription: String? = nil) -> RawGoal? {
        var type: Located<GoalType>?
        var expected: Located<FunctionLevel>?
        for target in goal.targets {
            guard let coding = target.detail?.ffb, let code = coding.code.flatMap(KLCode.init) else { continue }
            let measure = target.measure
            if measure?.hasCareSocial(FHIRURLs.goalTypeMeasure) == true || (measure == nil && GoalType(klCode: code) != nil) {
                guard let value = GoalType(klCode: code) else {
                    issues.error("\(Quoted.value(code.rawValue)) is not an FFB goal type (måltype)", at: coding.codePointer)
                    continue
                }
                type = Located(value, at: coding.codePointer)
            } else if measure?.hasCareSocial(FHIRURLs.expectedLevelMeasure) == true || (measure == nil && FunctionLevel(klCode: code) != nil) {
                guard let value = FunctionLevel(klCode: code) else {
                    issues.error("\(Quoted.value(code.rawValue)) is not an expected function level (0–4)", at: coding.codePointer)
                    continue
                }
                expected = Located(value, at: coding.codePointer)
            }
        }
        if type == nil { issues.error("the goal has no goal type (a target with measure måltype)", at: goal.targetsPointer) }
        if expected == nil { issues.error("the goal has no expected level (a target with measure funktionsevneniveau)", at: goal.targetsPointer) }
        if goal.description == nil && unreportedDescription == nil { issues.error("the goal has no description (description.text)", at: goal.pointer.appending("description")) }
        var primary: Located<String>?
        var secondary: [Located<String>] = []
        var primaryCondition: FHIRCondition?
        for address in goal.addresses {
            guard let conditionResource = resolve(address.reference, "Condition", what: "a goal's theme"),
                  let condition = read(conditionResource, as: FHIRCondition.self, FHIRCondition.read) else { continue }
            guard let coding = condition.code?.ffb, let code = coding.code else {
                issues.error("a goal's theme needs an FFB code", at: conditionResource.pointer.appending("code"))
                continue
            }
            let theme = Located(code, at: coding.codePointer)
            if let klCode = KLCode(code) { assign(conditionResource, .theme(klCode)) }
            if address.rank?.value == 1 {
                if primary != nil {
                    issues.error("a goal has exactly one primary theme (ConditionRank 1); this is a second", at: address.reference.pointer)
                    continue
                }
                primary = theme
                primaryCondition = condition
            } else {
                secondary.append(theme)
            }
        }
        if primary == nil, goal.addresses.count == 1, let only = secondary.first {
            primary = only
            secondary = []
        }
        if primary == nil { issues.error("a goal has exactly one primary theme (ConditionRank 1); none is given", at: goal.pointer.appending("addresses")) }
        var followUp = date(goal.targets.compactMap(\.due).first)
        if followUp == nil, let encounterReference = primaryCondition?.extensions.first(FHIRURLs.followUpEncounter)?.valueReference,
           let encounterResource = resolve(encounterReference, "Encounter", what: "the follow-up"),
           let encounter = read(encounterResource, as: FHIREncounter.self, FHIREncounter.read) {
            followUp = date(encounter.start)
        }
        let enteredInError = goal.lifecycleStatus == "entered-in-error" ? goal.statusReason ?? "entered in error" : nil
        let description = goal.description ?? unreportedDescription.map { Located($0, at: goal.pointer.appending("description")) }
        guard let type, let expected, let description, let primary else { return nil }
        let id = Located(uuid(resource), at: resource.pointer.appending("id"))
        return RawGoal(id: id, seriesID: Located(series, at: id.pointer), version: Located(version, at: id.pointer),
                       supersedes: supersedes.map { Located($0, at: goal.pointer.appending("extension")) }, primaryTheme: primary,
                       secondaryThemes: secondary, type: type, expectedLevel: expected, description: description, followUpDate: followUp,
                       enteredInError: enteredInError, pointer: resource.pointer)
    }
}
