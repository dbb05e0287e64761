import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

extension ValidationContext {
    /// A DeliveryReport's content: the same checks as an order's and a follow-up's (known codes,
    /// levels exactly on the scored themes, goals on scored primary themes, dates in order). What
    /// only the store can judge (a later version of a record it has) is left to the import.
    mutating func deliveryReport(_ raw: RawDeliveryReport) -> DeliveryReportContent? {
        let citizen = citizen(raw.citizen)
        let cases = raw.cases.compactMap { caseDetails($0) }
        let assessments = raw.assessments.compactMap { assessment($0, caseNumber: nil) }
        var interventions: [ReportedIntervention] = []
        for item in raw.interventions {
            let terms = orderTerms(item.terms, requireServices: false)
            let goals = goals(item.goals, orderID: item.terms.id.value, start: item.terms.start.value)
            if let ended = item.ended {
                locations[.interventionEnd(item.terms.id.value)] = ended.pointer
                if ended.value < item.terms.start.value {
                    error("the indsats ends (\(ended.value)) before it starts (\(item.terms.start.value))", at: ended.pointer)
                    continue
                }
            }
            guard let terms, let goals else { continue }
            interventions.append(ReportedIntervention(
                caseNumber: item.caseNumber.value, terms: terms, supportLevelDate: item.supportLevelDate, ended: item.ended?.value, goals: goals,
                replacedGoals: item.replacedGoals, enteredInError: item.enteredInError
            ))
        }
        let followUps = raw.followUps.compactMap { followUp($0) }
        guard cases.count == raw.cases.count, assessments.count == raw.assessments.count, interventions.count == raw.interventions.count,
              followUps.count == raw.followUps.count else { return nil }
        return DeliveryReportContent(citizen: citizen, cases: cases, assessments: assessments, interventions: interventions, followUps: followUps,
                              withdrawnFollowUps: raw.withdrawnFollowUps, partialAssessments: raw.partialAssessments)
    }
}
