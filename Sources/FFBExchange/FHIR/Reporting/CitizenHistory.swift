import FFBCatalog
import FFBModel
import Foundation

/// Everything the reporting guide reports about one citizen (read from a store once by the
/// workflows) and arranged by the day each change happened. Records marked entered in error are left out.
package struct CitizenHistory {
    package struct OrderHistory {
        var order: Order
        /// Every goal version with the day it took effect (the order's issue day for a first version).
        var goals: [(goal: Goal, day: LocalDate)]
        var followUps: [StoredFollowUp]

        package init(order: Order, goals: [(goal: Goal, day: LocalDate)], followUps: [StoredFollowUp]) {
            self.order = order
            self.goals = goals
            self.followUps = followUps
        }
    }

    /// One dated observation of one theme: from an assessment or a follow-up's levels.
    struct Observation {
        var day: LocalDate
        var entry: AssessmentEntry
    }

    var citizen: Citizen
    var cases: [CaseFile]
    /// Assessments and follow-up levels, oldest first.
    var assessments: [StoredAssessment]
    var orders: [OrderHistory]

    package init(citizen: Citizen, cases: [CaseFile], assessments: [StoredAssessment], orders: [OrderHistory]) {
        self.citizen = citizen
        self.cases = cases
        self.assessments = assessments
        self.orders = orders
    }

    /// The days with something to report, in order.
    package var changeDays: [LocalDate] {
        var days = Set(assessments.map(\.date))
        for history in orders {
            days.insert(history.order.issued)
            days.formUnion(history.goals.map(\.day))
            days.formUnion(history.followUps.map(\.date))
        }
        return days.sorted()
    }

    /// Each theme's observations up to and including `day`, oldest first.
    func observations(through day: LocalDate) -> [KLCode: [Observation]] {
        var result: [KLCode: [Observation]] = [:]
        for assessment in assessments where assessment.date <= day {
            for entry in assessment.entries {
                result[entry.theme, default: []].append(Observation(day: assessment.date, entry: entry))
            }
        }
        return result
    }

    func caseFile(_ number: String?) -> CaseFile? {
        number.flatMap { number in cases.first { $0.caseNumber == number } } ?? cases.first
    }
}
