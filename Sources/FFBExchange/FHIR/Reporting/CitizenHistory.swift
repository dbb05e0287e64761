import FFBCatalog
import FFBModel
import FFBStore
import Foundation

/// Everything the reporting guide reports about one citizen, read from the store once and
/// arranged by the day each change happened. Records marked entered in error are left out.
struct CitizenHistory {
    struct OrderHistory {
        var order: Order
        /// Every goal version with the day it took effect (the order's issue day for a first version).
        var goals: [(goal: Goal, day: LocalDate)]
        var followUps: [StoredFollowUp]
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

    init(citizen: Citizen, store: Store) throws {
        self.citizen = citizen
        cases = try store.cases(of: citizen.pseudonym).map(\.value)
        assessments = try store.assessments(of: citizen.pseudonym).filter { $0.enteredInError == nil }.map(\.value)
            .sorted { ($0.date, $0.id.uuidString) < ($1.date, $1.id.uuidString) }
        orders = try store.orders(of: citizen.pseudonym).filter { $0.enteredInError == nil }.map { stored in
            let order = stored.value
            let goals = try store.goals(of: order.id).filter { $0.enteredInError == nil }.map { goal in
                let recorded = LocalDate(iso: String(goal.recorded.at.prefix(10))) ?? order.issued
                return (goal: goal.value, day: goal.value.version == 1 ? order.issued : max(order.issued, recorded))
            }
            let followUps = try store.followUps(of: order.id).filter { $0.enteredInError == nil }.map(\.value)
            return OrderHistory(order: order, goals: goals, followUps: followUps)
        }
    }

    /// The days with something to report, in order.
    var changeDays: [LocalDate] {
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
