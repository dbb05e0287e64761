import FFBCatalog
import FFBJSON
import FFBModel
import FFBExchange
import FFBStore
import Foundation

extension ExchangeImporter {
    // MARK: Orders

    mutating func applyOrder(_ package: OrderPackage) throws {
        let (citizen, isNew) = try citizen(package.citizen, municipality: package.caseDetails.municipality)
        guard try openCase(package.caseDetails, citizen: citizen, isNew: isNew) else { return }
        for record in package.assessments { try applyAssessment(record, citizen: citizen, isNew: isNew) }
        let terms = package.order
        var created = false
        if try !isNew && writer.contains(.order, id: terms.id) {
            let stored = try store.order(terms.id.storeText).value
            guard stored.terms == terms, stored.citizen == citizen.pseudonym, stored.caseNumber == package.caseDetails.number else {
                fail("order \(terms.id.storeText) is already in the store with other content; an order is never changed (send new goal versions, or a new order)", at: .order(terms.id))
                return
            }
        } else {
            if let refusal = try refusal({
                try writer.createOrder(try Order(terms: terms, citizen: citizen.pseudonym, caseNumber: package.caseDetails.number, catalog: catalog))
            }) {
                fail(refusal, at: .order(terms.id))
            } else {
                summary.orders += 1
                created = true
            }
        }
        guard !issues.hasErrors else { return }
        for record in package.goals { try applyGoal(record, orderIsNew: created) }
        if created { try keepExtras(package, citizen: citizen) }
    }

    /// A goal version. For an order this import created the store holds no version of its goals
    /// yet, and the validated document already chains them, so there is nothing to look up.
    mutating func applyGoal(_ record: GoalRecord, orderIsNew: Bool) throws {
        var goal = record.goal
        if !orderIsNew {
            guard let next = try versionToAdd(record) else { return }
            goal = next
            guard try !onRecordInError(goal) else { return }
        }
        if let refusal = try refusal({ try writer.addGoal(goal) }) {
            fail(refusal, at: .goal(record.goal.id))
            return
        }
        summary.goalVersions += 1
        try markIfNeeded(record, id: goal.id)
    }

    /// Whether a goal version would build on an order or goal the store has marked entered in
    /// error: then it is not recorded, and the document says so in a warning (a provider re-sends
    /// every goal in each report; the municipality's correction is not the document's error).
    mutating func onRecordInError(_ goal: Goal) throws -> Bool {
        let dead: String
        if try writer.enteredInErrorReason(.order, id: goal.orderID) != nil {
            dead = "order \(goal.orderID.storeText)"
        } else if let replaced = goal.supersedes, try writer.enteredInErrorReason(.goal, id: replaced) != nil {
            dead = "goal \(replaced.storeText)"
        } else {
            return false
        }
        issues.warning("goal \(goal.id.storeText) is not recorded: \(dead) is marked entered in error in this store", at: locations[.goal(goal.id)])
        return true
    }

    /// The version to add for a goal of an order the store has: nil when the store has it already
    /// (or refuses it, reported), a new version when a FHIR message updated it under its old id.
    private mutating func versionToAdd(_ record: GoalRecord) throws -> Goal? {
        let goal = record.goal
        if try writer.contains(.goal, id: goal.id) {
            let stored = try store.goal(goal.id.storeText).value
            guard stored != goal, !(syntax == .fhirDeliveryReport && sameReportable(stored, goal)) else {
                try markIfNeeded(record, id: goal.id)
                return nil
            }
            guard syntax != .native else {
                fail("goal \(goal.id.storeText) is already in the store with other content; a changed goal is a new version with a new id", at: .goal(goal.id))
                return nil
            }
            guard let revised = try revision(of: goal) else {
                try markIfNeeded(record, id: goal.id)
                return nil
            }
            return revised
        }
        let current = try writer.currentGoalVersion(series: goal.seriesID)
        switch (goal.supersedes, current) {
        case (nil, .some):
            fail("the store already has this goal (series \(goal.seriesID.storeText)); a new version must name the version it replaces", at: .goal(goal.id))
            return nil
        case (.some(let supersedes), nil):
            fail("the goal version replaces \(supersedes.storeText), which the store does not have; import the earlier version first", at: .goal(goal.id))
            return nil
        case (.some(let supersedes), .some(let current)) where current.id != supersedes:
            fail("the goal version replaces \(supersedes.storeText), but the store's current version of this goal is \(current.id.storeText)", at: .goal(goal.id))
            return nil
        case (.some, .some(let current)) where current.version + 1 != goal.version:
            fail("the goal version is \(goal.version), but it follows version \(current.version) in the store", at: .goal(goal.id))
            return nil
        default:
            return goal
        }
    }

    /// A FHIR goal re-sent under its id with new content: the next version of its series, with
    /// an id derived from the content so the same message imported twice adds it once.
    private mutating func revision(of goal: Goal) throws -> Goal? {
        guard let current = try writer.currentGoalVersion(series: goal.seriesID) else { return nil }
        let latest = try store.goal(current.id.storeText).value
        if Self.sameTerms(latest, goal) { return nil }
        var goal = goal
        if syntax == .fhirDeliveryReport {
            if sameReportable(latest, goal) { return nil }
            goal = keepingUnreported(goal, from: latest)
        }
        let fingerprint = [goal.primaryTheme.rawValue, goal.secondaryThemes.map(\.rawValue).joined(separator: ","), goal.type.rawValue,
                           String(goal.expectedLevel.rawValue), goal.description, goal.followUpDate?.iso ?? ""]
        let id = DerivedID.uuid(role: "goal-revision", parts: [goal.seriesID.storeText] + fingerprint)
        guard let primary = catalog.theme(goal.primaryTheme) else { return nil }
        do {
            return try Goal(id: id, seriesID: goal.seriesID, version: current.version + 1, supersedes: current.id, orderID: goal.orderID,
                            primaryTheme: primary, secondaryThemes: goal.secondaryThemes.compactMap(catalog.theme), type: goal.type,
                            expectedLevel: goal.expectedLevel, description: goal.description, followUpDate: goal.followUpDate, order: nil)
        } catch {
            fail(error.message, at: .goal(goal.id))
            return nil
        }
    }

    private static func sameTerms(_ a: Goal, _ b: Goal) -> Bool {
        a.primaryTheme == b.primaryTheme && a.secondaryThemes == b.secondaryThemes && a.type == b.type
            && a.expectedLevel == b.expectedLevel && a.description == b.description && a.followUpDate == b.followUpDate
    }

    private mutating func markIfNeeded(_ record: GoalRecord, id: UUID) throws {
        guard let reason = record.enteredInError, try writer.enteredInErrorReason(.goal, id: id) == nil else { return }
        if let refusal = try refusal({ try writer.markEnteredInError(kind: .goal, id: id.storeText, reason: reason) }) {
            fail(refusal, at: .goal(record.goal.id))
        }
    }

    // MARK: Assessments

    mutating func applyAssessment(_ package: AssessmentPackage) throws {
        let (citizen, isNew) = try citizen(package.citizen, municipality: package.caseDetails?.municipality)
        if let details = package.caseDetails {
            guard try openCase(details, citizen: citizen, isNew: isNew) else { return }
        }
        try applyAssessment(package.assessment, citizen: citizen, isNew: isNew)
    }

    /// `partial`: the record leaves out themes that travel on their own (a DeliveryReport's themes
    /// re-assessed after the gathering's date); the store's version may hold them, and keeps them.
    mutating func applyAssessment(_ record: AssessmentRecord, citizen: Citizen, isNew: Bool, partial: Bool = false) throws {
        var record = record
        let originalID = record.id
        var superseded: UUID?
        if try !isNew && writer.contains(.assessment, id: record.id) {
            guard let stored = try store.assessment(id: record.id)?.value else { return }
            // A report carries no assessor, notes or sources: only what it carries can differ.
            let reported = syntax == .fhirDeliveryReport
            let sameEntries = if reported {
                partial ? Set(record.entries.map(ReportedFinding.init)).isSubset(of: stored.entries.map(ReportedFinding.init))
                    : stored.entries.map(ReportedFinding.init) == record.entries.map(ReportedFinding.init)
            } else {
                partial ? record.entries.allSatisfy(stored.entries.contains) : stored.entries == record.entries
            }
            // A report sends a follow-up's levels as an information gathering under the levels' id.
            let same = (stored.kind == .assessment || reported) && stored.citizen == citizen.pseudonym && stored.caseNumber == record.caseNumber
                && stored.date == record.date && (reported || stored.assessor == record.assessor) && sameEntries
            if same { return try markIfNeeded(record) }
            if partial {
                let given = Set(record.entries.map(\.theme))
                record.entries += stored.entries.filter { !given.contains($0.theme) }
            }
            guard syntax != .native else {
                fail("assessment \(record.id.storeText) is already in the store with other content; a new assessment needs a new id", at: .assessment(record.id))
                return
            }
            let revisionID = DerivedID.uuid("assessment-revision", record.id.storeText, record.date.iso, record.assessor,
                                            record.entries.map(Self.fingerprint).joined(separator: ","))
            if try writer.contains(.assessment, id: revisionID) { return }
            if stored.kind == .assessment { superseded = record.id }
            record.id = revisionID
        }
        if let refusal = try refusal({ try writer.record(try record.assessment(citizen: citizen.pseudonym)) }) {
            fail(refusal, at: .assessment(superseded ?? originalID))
            return
        }
        summary.assessments += 1
        summary.themeEntries += record.entries.count
        try markIfNeeded(record)
        // A report's information gathering re-sent with other content is a later version of the
        // same one: the earlier stops counting (it stays in the store, marked).
        if syntax == .fhirDeliveryReport, let superseded, try writer.enteredInErrorReason(.assessment, id: superseded) == nil {
            let reason = "superseded by \(record.id.storeText), a later version of the same information gathering (DeliveryReport)"
            if let refusal = try refusal({ try writer.markEnteredInError(kind: .assessment, id: superseded.storeText, reason: reason) }) {
                fail(refusal, at: .assessment(superseded))
            }
        }
    }

    private static func fingerprint(_ entry: AssessmentEntry) -> String {
        let finding = switch entry.finding {
        case .level(let level): level.cliValue
        case .relevance(let relevance): relevance.rawValue
        }
        return "\(entry.theme.rawValue)=\(finding)|\(entry.note ?? "")|\(entry.source?.rawValue ?? "")"
    }

    private mutating func markIfNeeded(_ record: AssessmentRecord) throws {
        guard let reason = record.enteredInError, try writer.enteredInErrorReason(.assessment, id: record.id) == nil else { return }
        if let refusal = try refusal({ try writer.markEnteredInError(kind: .assessment, id: record.id.storeText, reason: reason) }) {
            fail(refusal, at: .assessment(record.id))
        }
    }

    // MARK: Follow-ups

    mutating func applyFollowUp(_ record: FollowUpRecord) throws {
        guard try writer.contains(.order, id: record.orderID) else {
            fail("no order \(record.orderID.storeText) in this store; import the order first", at: .followUpOrder(record.id))
            return
        }
        let stored = try store.order(record.orderID.storeText)
        if stored.enteredInError != nil {
            fail("order \(record.orderID.storeText) is marked entered in error", at: .followUpOrder(record.id))
            return
        }
        let order = stored.value
        if try writer.contains(.followUp, id: record.id) {
            guard let existing = try store.followUp(id: record.id) else { return }
            if syntax == .fhirDeliveryReport { return try applyReportedFollowUp(record, existing: existing.followUp, order: order) }
            let same = existing.followUp.value.orderID == record.orderID && existing.followUp.value.date == record.date
                && existing.followUp.value.supportLevel == record.supportLevel && existing.followUp.value.status == record.status
                && existing.followUp.value.goalNotes == record.goalNotes && existing.levels?.entries == record.entries
                && existing.levels?.assessor == record.author
            if !same {
                fail("follow-up \(record.id.storeText) is already in the store with other content; a new follow-up needs a new id", at: .followUp(record.id))
            }
            return
        }
        let series = Set(try store.goals(of: order.id).map(\.value.seriesID))
        for note in record.goalNotes where !series.contains(note.goalSeriesID) {
            fail("goal \(note.goalSeriesID.storeText) is not a goal of order \(order.id.storeText)", at: .goalNote(followUp: record.id, series: note.goalSeriesID))
        }
        guard !issues.hasErrors else { return }
        let followUp: FollowUp
        do {
            followUp = try record.followUp(order: order)
        } catch {
            fail(error.message, at: .followUp(record.id), member: syntax == .native ? "date" : nil)
            return
        }
        do {
            if let refusal = try refusal({ try writer.record(followUp, citizen: order.citizen, caseNumber: order.caseNumber) }) {
                fail(refusal, at: .followUp(record.id))
                return
            }
        } catch StoreError.alreadyRecorded(let message) {
            // The same follow-up under another id (sent twice by the provider): kept once.
            let warning = "follow-up \(record.id.storeText) was not added: \(message)"
            issues.warning(warning, at: locations[.followUp(record.id)])
            try writer.recordWarning(warning)
            return
        }
        summary.followUps += 1
        summary.themeEntries += record.entries.count
    }
}
