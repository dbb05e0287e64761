import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

extension DeliveryReportBuilder {
    /// The social indsats as of the report's day, with everything it references.
    mutating func carePlan(_ orderHistory: CitizenHistory.OrderHistory) {
        let order = orderHistory.order
        guard let caseFile = history.caseFile(order.caseNumber) else { return }
        let followUps = orderHistory.followUps.filter { $0.date <= day }.sorted { $0.date < $1.date }
        let ending = followUps.first { $0.status != .continue }
        let completed = ending != nil
        let lastChange = ([order.issued] + followUps.map(\.date) + orderHistory.goals.map(\.day).filter { $0 <= day }).max() ?? order.issued
        _ = serviceRequest(caseFile)

        // One support evaluation per care plan: the latest as of the day.
        let supportFollowUp = followUps.last { $0.supportLevel != nil }
        let evaluationID = supportFollowUp.map { supportID(followUp: $0.id) } ?? supportID(order: order.id)
        if let supportFollowUp {
            careEvaluation(evaluationID, level: supportFollowUp.supportLevel, date: supportFollowUp.date)
        } else {
            careEvaluation(evaluationID, level: order.supportLevel, date: order.issued)
        }

        // Goals: the current version of each series; versions replaced today are re-sent as cancelled.
        var current: [UUID: Goal] = [:]
        var seriesOrder: [UUID] = []
        for (goal, goalDay) in orderHistory.goals where goalDay <= day {
            if current[goal.seriesID] == nil { seriesOrder.append(goal.seriesID) }
            if (current[goal.seriesID]?.version ?? 0) < goal.version { current[goal.seriesID] = goal }
        }
        let currentGoals = seriesOrder.compactMap { current[$0] }
        let replacedToday = orderHistory.goals.filter { entry in
            orderHistory.goals.contains { $0.goal.supersedes == entry.goal.id && $0.day == day }
        }.map(\.goal)
        for goal in currentGoals { self.goal(goal, status: completed ? "completed" : "active") }
        for goal in replacedToday { self.goal(goal, status: "cancelled") }

        let followUpDate = order.followUpDate ?? currentGoals.compactMap(\.followUpDate).min()
        var encounterID: UUID?
        if let followUpDate {
            let id = DerivedID.uuid("report-follow-up-encounter", order.id.lowercased, followUpDate.iso)
            encounterID = id
            add(id, FHIRBuild.object(base("Encounter", id, "followUpEncounter", updated: order.issued) + [
                ("status", .string("planned")),
                ("class", FHIRBuild.object([("system", .string(FHIRURLs.actCode)), ("code", .string("HH"))])),
                ("type", .array([FHIRBuild.object([("coding", .array([FHIRBuild.object([
                    ("system", .string(FHIRURLs.careSocialCodes)), ("code", .string(FHIRURLs.followUpEncounterType)),
                ])]))])])),
                ("subject", FHIRBuild.reference(patientID)),
                ("period", FHIRBuild.object([("start", .string(followUpDate.iso))])),
            ]))
        }
        let careTeamID = DerivedID.uuid("report-care-team", order.id.lowercased)
        if let offerType = order.offerType {
            add(careTeamID, FHIRBuild.object(base("CareTeam", careTeamID, "servicePerformer", updated: order.issued) + [
                ("category", .array([FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.ffb, offerType.rawValue)]))])])),
                ("subject", FHIRBuild.reference(patientID)),
            ]))
        }
        for group in order.targetGroups {
            let id = targetGroupID(order: order.id, group.code)
            add(id, FHIRBuild.object(base("Condition", id, "targetGroup", updated: order.issued) + [
                ("clinicalStatus", FHIRBuild.concept(FHIRURLs.conditionClinical, "active")),
                ("code", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.ffb, group.code.rawValue)]))])),
                ("subject", FHIRBuild.reference(patientID)),
                ("recordedDate", .string(order.issued.iso)),
            ]))
        }
        var period: [(String, JSONValue?)] = [("start", .string(order.start.iso))]
        if let ending { period.append(("end", .string(ending.date.iso))) }
        add(order.id, FHIRBuild.object(base("CarePlan", order.id, "carePlan", updated: lastChange) + [
            ("extension", .array([caseNumberExtension(caseFile)] + (encounterID.map { id in
                [FHIRBuild.object([("url", .string(FHIRURLs.reportingFollowUpDate)), ("valueReference", FHIRBuild.reference(id))])]
            } ?? []))),
            ("status", .string(completed ? "completed" : "active")),
            ("intent", .string("order")),
            ("subject", FHIRBuild.reference(patientID)),
            ("period", FHIRBuild.object(period)),
            ("careTeam", order.offerType == nil ? nil : .array([FHIRBuild.reference(careTeamID)])),
            ("addresses", .array(order.targetGroups.map { FHIRBuild.rankedReference(targetGroupID(order: order.id, $0.code), rank: $0.isPrimary ? 1 : 2) })),
            ("goal", .array(currentGoals.map { FHIRBuild.reference($0.id) })),
            ("activity", .array([FHIRBuild.object([("outcomeReference", .array([FHIRBuild.reference(evaluationID)]))])])),
        ]))
        for service in order.services {
            let id = DerivedID.uuid("report-intervention", order.id.lowercased, service.rawValue)
            var servicePeriod: [(String, JSONValue?)] = [("start", .string(order.start.iso))]
            if let ending { servicePeriod.append(("end", .string(ending.date.iso))) }
            add(id, FHIRBuild.object(base("CarePlan", id, "intervention", updated: lastChange) + [
                ("basedOn", .array([FHIRBuild.reference(order.id)])),
                ("status", .string(completed ? "completed" : "active")),
                ("intent", .string("order")),
                ("subject", FHIRBuild.reference(patientID)),
                ("period", FHIRBuild.object(servicePeriod)),
                ("created", .string(order.issued.iso)),
                ("activity", .array([FHIRBuild.object([("detail", FHIRBuild.object([
                    ("code", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.ffb, service.rawValue)]))])),
                    ("status", .string(completed ? "completed" : "in-progress")),
                ]))])])),
            ]))
        }
        for followUp in orderHistory.followUps where followUp.date == day {
            add(followUp.id, FHIRBuild.object(base("Observation", followUp.id, "followUp", updated: followUp.date) + [
                ("status", .string("final")),
                ("code", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.snomed, "712744002")]))])),
                ("subject", FHIRBuild.reference(patientID)),
                ("focus", .array([FHIRBuild.reference(order.id)])),
                ("effectiveDateTime", .string(followUp.date.iso)),
                ("valueCodeableConcept", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.ffb, followUp.status.klCode.rawValue)]))])),
            ]))
        }
    }

    func targetGroupID(order: UUID, _ code: KLCode) -> UUID { DerivedID.uuid("report-target-group", order.lowercased, code.rawValue) }

    /// A goal as the reporting guide has it: no text, the expected level and måltype as targets,
    /// exactly one primary theme and only A&D themes.
    mutating func goal(_ goal: Goal, status: String) {
        let themes = [goal.primaryTheme] + goal.secondaryThemes.filter { catalog.theme($0)?.scored ?? false }
        for theme in themes { themeCondition(theme, recordedFallback: day) }
        add(goal.id, FHIRBuild.object(base("Goal", goal.id, "interventionGoal") + [
            ("lifecycleStatus", .string(status)),
            ("category", .array([FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.careSocialCodes, FHIRURLs.interventionGoalCategory)]))])])),
            ("description", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.snomed, "410518001")]))])),
            ("subject", FHIRBuild.reference(patientID)),
            ("target", .array([
                FHIRBuild.object([
                    ("measure", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.careSocialCodes, FHIRURLs.expectedLevelMeasure)]))])),
                    ("detailCodeableConcept", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.ffb, goal.expectedLevel.klCode.rawValue)]))])),
                ]),
                FHIRBuild.object([
                    ("measure", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.careSocialCodes, FHIRURLs.goalTypeMeasure)]))])),
                    ("detailCodeableConcept", FHIRBuild.object([("coding", .array([FHIRBuild.coding(FHIRURLs.ffb, goal.type.klCode.rawValue)]))])),
                ]),
            ])),
            ("addresses", .array(themes.enumerated().map { FHIRBuild.rankedReference(conditionID($0.element), rank: $0.offset == 0 ? 1 : 2) })),
        ]))
    }
}
