import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

extension ValidationContext {
    mutating func orderPackage(_ raw: RawOrder) -> OrderPackage? {
        let citizen = citizen(raw.citizen)
        let caseDetails = caseDetails(raw.caseFile)
        let terms = orderTerms(raw.order)
        var assessments: [AssessmentRecord] = []
        var assessmentIDs: [UUID: JSONPointer] = [:]
        for rawAssessment in raw.assessments {
            if let first = assessmentIDs[rawAssessment.id.value] {
                error("assessment id appears twice (first at \(first.location))", at: rawAssessment.id.pointer)
                continue
            }
            assessmentIDs[rawAssessment.id.value] = rawAssessment.id.pointer
            if let assessment = assessment(rawAssessment, caseNumber: raw.caseFile.number.value) { assessments.append(assessment) }
        }
        if let caseDetails, raw.order.issued.value < caseDetails.opened {
            error("the order is issued (\(raw.order.issued.value)) before its case was opened (\(caseDetails.opened))", at: raw.order.issued.pointer)
        }
        // Goals are checked even when the order's terms are not, so one pass finds every problem.
        let goalRecords = goals(raw.goals, orderID: raw.order.id.value, start: raw.order.start.value)
        guard let caseDetails, let terms, let goalRecords, assessments.count == raw.assessments.count else { return nil }
        return OrderPackage(citizen: citizen, caseDetails: caseDetails, assessments: assessments, order: terms, goals: goalRecords,
                            contact: raw.extras?.contact, details: raw.extras?.details, kept: raw.extras?.kept)
    }

    /// The order's own terms: known services, offer type and target groups, at most one primary
    /// target group, and dates in order (issued ≤ start ≤ follow-up). A DeliveryReport re-sends
    /// an indsats without the services that did not change, so there services may be missing
    /// (`requireServices`); the store refuses an order it does not have without one.
    mutating func orderTerms(_ raw: RawOrderTerms, requireServices: Bool = true) -> OrderTerms? {
        locations[.order(raw.id.value)] = raw.pointer
        let errorsBefore = issues.errors.count
        if requireServices, raw.services.value.isEmpty { error("an order needs at least one service", at: raw.services.pointer) }
        let services = codes(raw.services.value, kind: .services)
        let offerType = raw.offerType.flatMap { code($0, kind: .offerTypes) }
        var groups: [TargetGroupAssignment] = []
        var seenGroups: [KLCode: JSONPointer] = [:]
        var firstPrimary: JSONPointer?
        for group in raw.targetGroups.value {
            guard let code = code(group.code, kind: .targetGroups) else { continue }
            if let first = seenGroups[code] {
                error("target group \(Quoted.value(group.code.value)) is named twice (first at \(first.location))", at: group.code.pointer)
                continue
            }
            seenGroups[code] = group.code.pointer
            if group.isPrimary {
                if let firstPrimary {
                    error("more than one primary target group (the first is at \(firstPrimary.location)); an order has at most one", at: group.primaryPointer)
                } else {
                    firstPrimary = group.pointer
                }
            }
            groups.append(TargetGroupAssignment(code: code, isPrimary: group.isPrimary))
        }
        if raw.start.value < raw.issued.value {
            error("start \(raw.start.value) is before the order was issued (\(raw.issued.value))", at: raw.start.pointer)
        }
        if let followUp = raw.followUpDate, followUp.value < raw.start.value {
            error("follow-up date \(followUp.value) is before the start \(raw.start.value)", at: followUp.pointer)
        }
        let provider = party(raw.provider)
        let payer = raw.payer.flatMap(party)
        guard issues.errors.count == errorsBefore, let services, let provider else { return nil }
        return OrderTerms(id: raw.id.value, services: services, offerType: offerType, targetGroups: groups, provider: provider, payer: payer,
                          supportLevel: raw.supportLevel.value, issued: raw.issued.value, start: raw.start.value,
                          followUpDate: raw.followUpDate?.value)
    }

    mutating func code(_ text: Located<String>, kind: CatalogKind) -> KLCode? {
        guard let code = index.concept(text.value, kind: kind) else {
            error("unknown \(kind.singular) \(Quoted.value(text.value))", at: text.pointer)
            return nil
        }
        return code
    }

    /// Codes of one kind, each once; nil when any is unknown or repeated.
    mutating func codes(_ texts: [Located<String>], kind: CatalogKind) -> [KLCode]? {
        var codes: [KLCode] = []
        var seen: [KLCode: JSONPointer] = [:]
        var valid = true
        for text in texts {
            guard let code = code(text, kind: kind) else {
                valid = false
                continue
            }
            if let first = seen[code] {
                error("\(kind.singular) \(Quoted.value(text.value)) is named twice (first at \(first.location))", at: text.pointer)
                valid = false
                continue
            }
            seen[code] = text.pointer
            codes.append(code)
        }
        return valid ? codes : nil
    }
}
