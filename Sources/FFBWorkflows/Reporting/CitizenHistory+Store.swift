import FFBCatalog
import FFBExchange
import FFBModel
import FFBStore
import Foundation

extension CitizenHistory {
    /// One citizen's history read from the store; records marked entered in error are left out.
    init(citizen: Citizen, store: any CaseStore) throws {
        let cases = try store.cases(of: citizen.pseudonym).map(\.value)
        let assessments = try store.assessments(of: citizen.pseudonym).filter { $0.enteredInError == nil }.map(\.value)
            .sorted { ($0.date, $0.id.uuidString) < ($1.date, $1.id.uuidString) }
        let orders = try store.orders(of: citizen.pseudonym).filter { $0.enteredInError == nil }.map { stored in
            let order = stored.value
            let goals = try store.goals(of: order.id).filter { $0.enteredInError == nil }.map { goal in
                let recorded = LocalDate(iso: String(goal.recorded.at.prefix(10))) ?? order.issued
                return (goal: goal.value, day: goal.value.version == 1 ? order.issued : max(order.issued, recorded))
            }
            let followUps = try store.followUps(of: order.id).filter { $0.enteredInError == nil }.map(\.value)
            return OrderHistory(order: order, goals: goals, followUps: followUps)
        }
        self.init(citizen: citizen, cases: cases, assessments: assessments, orders: orders)
    }
}
