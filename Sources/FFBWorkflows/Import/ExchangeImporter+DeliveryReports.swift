import FFBCatalog
import FFBExchange
import FFBJSON
import FFBModel
import FFBStore
import Foundation

extension ExchangeImporter {
    // MARK: DeliveryReports

    /// A report's records, each kept once: a record the store has with the same content is a
    /// no-op, with other content a later version (a new assessment or goal version; the store is
    /// append-only). Reports from any sender about one CPR number land on one citizen.
    mutating func applyDeliveryReport(_ report: DeliveryReportContent) throws {
        let (citizen, isNew) = try reportedCitizen(report.citizen)
        for details in report.cases {
            guard try openCase(details, citizen: citizen, isNew: isNew) else { return }
        }
        for record in report.assessments {
            try applyAssessment(record, citizen: citizen, isNew: isNew, partial: report.partialAssessments.contains(record.id))
        }
        for intervention in report.interventions { try applyIntervention(intervention, citizen: citizen, isNew: isNew) }
        guard !issues.hasErrors else { return }
        for record in report.followUps { try applyFollowUp(record) }
        guard !issues.hasErrors else { return }
        for intervention in report.interventions { try reconcile(intervention) }
        for (id, reason) in report.withdrawnFollowUps.sorted(by: { $0.key.storeText < $1.key.storeText }) {
            guard try writer.contains(.followUp, id: id), try writer.enteredInErrorReason(.followUp, id: id) == nil else { continue }
            if let refusal = try refusal({ try writer.markEnteredInError(kind: .followUp, id: id.storeText, reason: reason) }) {
                fail(refusal, at: .followUp(id))
            }
        }
    }

    /// The citizen with this CPR number. A report carries no name, and an aggregator receives
    /// reports from every municipality a citizen has lived in, so there is no identity to check.
    private mutating func reportedCitizen(_ identity: CitizenIdentity) throws -> (citizen: Citizen, isNew: Bool) {
        if let known = try writer.citizen(cpr: identity.cpr) { return (known, false) }
        summary.citizensCreated += 1
        return (try writer.addCitizen(cpr: identity.cpr, name: identity.name), true)
    }

    /// An indsats: a new order the first time, then only what a later version may add (goals).
    private mutating func applyIntervention(_ intervention: ReportedIntervention, citizen: Citizen, isNew: Bool) throws {
        let terms = intervention.terms
        var created = false
        if try !isNew && writer.contains(.order, id: terms.id) {
            let stored = try store.order(terms.id.storeText).value
            guard stored.citizen == citizen.pseudonym else {
                fail("indsats \(terms.id.storeText) is in the store for another citizen", at: .order(terms.id))
                return
            }
            noteFixedTerms(stored.terms, intervention)
        } else {
            // A report re-sends an indsats without its unchanged services; only the store's order can stand in for them.
            guard !terms.services.isEmpty else {
                fail("""
                    indsats \(terms.id.storeText) is new to this store, but this report names none of its services (no Intervention \
                    CarePlan is based on it): import the report that granted it first
                    """, at: .order(terms.id))
                return
            }
            if let refusal = try refusal({
                try writer.createOrder(try Order(terms: terms, citizen: citizen.pseudonym, caseNumber: intervention.caseNumber, catalog: catalog))
            }) {
                fail(refusal, at: .order(terms.id))
                return
            }
            summary.orders += 1
            created = true
        }
        for record in intervention.goals {
            if let replaced = intervention.replacedGoals[record.goal.id], try !writer.contains(.goal, id: record.goal.id),
               try writer.contains(.goal, id: replaced) {
                try applyReplacement(record, replacing: replaced)
            } else {
                try applyGoal(record, orderIsNew: created)
            }
        }
        if let reason = intervention.enteredInError, try writer.enteredInErrorReason(.order, id: terms.id) == nil {
            if let refusal = try refusal({ try writer.markEnteredInError(kind: .order, id: terms.id.storeText, reason: reason) }) {
                fail(refusal, at: .order(terms.id))
            }
        }
    }

    /// An order's terms are fixed once it is made (KL sends a changed indsats as a new CarePlan);
    /// a later version that differs is read, said, and not applied.
    private mutating func noteFixedTerms(_ stored: OrderTerms, _ intervention: ReportedIntervention) {
        let reported = intervention.terms
        var changes: [String] = []
        let added = reported.services.filter { !stored.services.contains($0) }
        if !added.isEmpty { changes.append("service\(added.count == 1 ? "" : "s") \(added.map(\.rawValue).joined(separator: ", "))") }
        if let offerType = reported.offerType, offerType != stored.offerType { changes.append("offer type \(offerType.rawValue)") }
        if Set(reported.targetGroups) != Set(stored.targetGroups) { changes.append("target groups") }
        if reported.start != stored.start { changes.append("start \(reported.start)") }
        guard !changes.isEmpty else { return }
        issues.warning("""
            the store has this indsats as first reported; this version's \(changes.joined(separator: ", ")) \
            \(changes.count == 1 ? "is" : "are") not applied (an order's terms do not change: KL sends a new CarePlan)
            """, at: locations[.order(reported.id)])
    }

    /// A goal whose earlier version the report re-sends cancelled: the next version of its series.
    private mutating func applyReplacement(_ record: GoalRecord, replacing replaced: UUID) throws {
        let goal = record.goal
        let previous = try store.goal(replaced.storeText).value
        guard let current = try writer.currentGoalVersion(series: previous.seriesID), let primary = catalog.theme(goal.primaryTheme) else { return }
        let next: Goal
        do {
            next = try Goal(id: goal.id, seriesID: previous.seriesID, version: current.version + 1, supersedes: current.id, orderID: goal.orderID,
                            primaryTheme: primary, secondaryThemes: goal.secondaryThemes.compactMap(catalog.theme), type: goal.type,
                            expectedLevel: goal.expectedLevel, description: goal.description, followUpDate: goal.followUpDate, order: nil)
        } catch {
            fail(error.message, at: .goal(goal.id))
            return
        }
        guard try !onRecordInError(next) else { return }
        if let refusal = try refusal({ try writer.addGoal(next) }) {
            fail(refusal, at: .goal(goal.id))
            return
        }
        summary.goalVersions += 1
    }

    /// What the snapshot says about an indsats that only a follow-up can record: an indsats that
    /// ended without one gets the follow-up that ends it (KL's closing report completes a CarePlan
    /// without a FollowUp); a support level changed without one is said, not recorded.
    private mutating func reconcile(_ intervention: ReportedIntervention) throws {
        let id = intervention.terms.id
        guard try writer.contains(.order, id: id) else { return }
        let order = try store.order(id.storeText)
        guard order.enteredInError == nil else { return }
        let followUps = try store.followUps(of: id).filter { $0.enteredInError == nil }.map(\.value).sorted { $0.date < $1.date }
        if let ended = intervention.ended, !followUps.contains(where: { $0.status != .continue }) {
            let record = FollowUpRecord(
                id: DerivedID.uuid("report-indsats-end", id.storeText, ended.iso), orderID: id, date: ended, author: ReportedIntervention.providerNotReported,
                entries: [], supportLevel: intervention.supportLevelDate == ended ? intervention.terms.supportLevel : nil, goalNotes: [], status: .end
            )
            issues.warning("the indsats ended on \(ended) without a FollowUp; recorded as a follow-up that ends it", at: locations[.interventionEnd(id)])
            locations[.followUp(record.id)] = locations[.interventionEnd(id)]
            locations[.followUpOrder(record.id)] = locations[.interventionEnd(id)]
            try applyFollowUp(record)
            return
        }
        // The level in effect on the day of the report's evaluation (a later follow-up the store has is newer news).
        let asOf = intervention.supportLevelDate
        let current = followUps.last { followUp in followUp.supportLevel != nil && asOf.map { followUp.date <= $0 } ?? true }?.supportLevel
            ?? order.value.supportLevel
        if intervention.terms.supportLevel != current {
            let when = intervention.supportLevelDate.map { " (evaluated \($0))" } ?? ""
            issues.warning("""
                the support level is \(intervention.terms.supportLevel.cliValue)\(when), the store's is \(current.cliValue); \
                FFBKit records a new support level at a follow-up, and this report has none for the indsats: not recorded
                """, at: locations[.order(id)])
        }
    }

    // MARK: What a report can say

    /// An entry as a report carries it: the theme and its level or relevance, no note or source.
    struct ReportedFinding: Hashable {
        var theme: KLCode
        var finding: AssessmentEntry.Finding

        init(_ entry: AssessmentEntry) {
            theme = entry.theme
            finding = entry.finding
        }
    }

    /// Whether a reported goal says what the stored version says, in what a report can carry:
    /// the primary theme, the A&D secondary themes, the goal type and the expected level.
    func sameReportable(_ stored: Goal, _ reported: Goal) -> Bool {
        let scored = { (codes: [KLCode]) in codes.filter { self.catalog.theme($0)?.scored ?? false } }
        return stored.primaryTheme == reported.primaryTheme && scored(stored.secondaryThemes) == scored(reported.secondaryThemes)
            && stored.type == reported.type && stored.expectedLevel == reported.expectedLevel
    }

    /// A reported goal version with what the report cannot carry taken from the version it follows:
    /// the description, the follow-up date and the secondary themes outside A&D.
    func keepingUnreported(_ goal: Goal, from latest: Goal) -> Goal {
        let unscored = latest.secondaryThemes.filter { !(catalog.theme($0)?.scored ?? false) && !goal.secondaryThemes.contains($0) }
        guard let primary = catalog.theme(goal.primaryTheme),
              let kept = try? Goal(id: goal.id, seriesID: goal.seriesID, version: goal.version, supersedes: goal.supersedes, orderID: goal.orderID,
                                   primaryTheme: primary, secondaryThemes: (goal.secondaryThemes + unscored).compactMap(catalog.theme), type: goal.type,
                                   expectedLevel: goal.expectedLevel, description: latest.description, followUpDate: latest.followUpDate, order: nil)
        else { return goal }
        return kept
    }

    /// A follow-up the store has, re-sent: the same in what a report carries (order, day, result,
    /// and the support level when one is given) is a no-op; otherwise it is a later version, recorded
    /// as a follow-up that supersedes the stored one (which stays, marked), keeping its levels and notes.
    mutating func applyReportedFollowUp(_ record: FollowUpRecord, existing: Stored<StoredFollowUp>, order: Order) throws {
        let kept = existing.value
        let same = kept.orderID == record.orderID && kept.date == record.date && kept.status == record.status
            && (record.supportLevel == nil || kept.supportLevel == record.supportLevel)
        guard !same, existing.enteredInError == nil else { return }
        let id = DerivedID.uuid("follow-up-revision", record.id.storeText, record.date.iso, record.status.rawValue, record.supportLevel?.cliValue ?? "")
        if try writer.contains(.followUp, id: id) { return }
        let levels = try store.followUp(id: record.id)?.levels
        let followUp: FollowUp
        do {
            followUp = try FollowUp(id: id, order: order, date: record.date, entries: levels?.entries ?? [], supportLevel: record.supportLevel ?? kept.supportLevel,
                                    goalNotes: kept.goalNotes, status: record.status, author: levels?.assessor ?? record.author, supersedes: record.id)
        } catch {
            fail(error.message, at: .followUp(record.id))
            return
        }
        if let refusal = try refusal({ try writer.record(followUp, citizen: order.citizen, caseNumber: order.caseNumber) }) {
            fail(refusal, at: .followUp(record.id))
            return
        }
        summary.followUps += 1
    }
}
