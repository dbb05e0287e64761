import FFBJSON
import FFBModel
import Foundation

extension ValidationContext {
    /// A follow-up report's content. Its dates against the order are checked when it is applied,
    /// because only the store knows the order.
    mutating func followUp(_ raw: RawFollowUp) -> FollowUpRecord? {
        locations[.followUp(raw.id.value)] = raw.pointer
        locations[.followUpOrder(raw.id.value)] = raw.orderID.pointer
        let entries = entries(raw.entries.value)
        var notes: [FollowUp.GoalNote] = []
        var seen: [UUID: JSONPointer] = [:]
        var valid = true
        for evaluation in raw.goalEvaluations {
            if let first = seen[evaluation.goalSeries.value] {
                error("the goal is evaluated twice (first at \(first.location))", at: evaluation.goalSeries.pointer)
                valid = false
                continue
            }
            seen[evaluation.goalSeries.value] = evaluation.goalSeries.pointer
            locations[.goalNote(followUp: raw.id.value, series: evaluation.goalSeries.value)] = evaluation.goalSeries.pointer
            notes.append(FollowUp.GoalNote(goalSeriesID: evaluation.goalSeries.value, note: evaluation.note.value))
        }
        guard valid, let entries else { return nil }
        return FollowUpRecord(id: raw.id.value, orderID: raw.orderID.value, date: raw.date.value, author: raw.author.value, entries: entries,
                              supportLevel: raw.supportLevel?.value, goalNotes: notes, status: raw.status.value)
    }

    mutating func assessmentPackage(_ raw: RawAssessmentDocument) -> AssessmentPackage? {
        let citizen = citizen(raw.citizen)
        var caseDetails: CaseDetails?
        if let caseFile = raw.caseFile { caseDetails = self.caseDetails(caseFile) }
        if let number = raw.assessment.caseNumber, raw.caseFile == nil {
            error("an assessment that names a case must carry the case (\"case\") so the receiver can open it", at: number.pointer)
        }
        let assessment = assessment(raw.assessment, caseNumber: raw.caseFile?.number.value)
        guard let assessment, raw.caseFile == nil || caseDetails != nil else { return nil }
        var record = assessment
        record.caseNumber = caseDetails?.number
        return AssessmentPackage(citizen: citizen, caseDetails: caseDetails, assessment: record)
    }
}
