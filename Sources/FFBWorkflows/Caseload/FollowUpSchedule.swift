import FFBModel
import FFBStore
import Foundation

/// An order's follow-up dates as the caseload rules read them.
public struct FollowUpSchedule: Sendable, Equatable {
    /// The latest follow-up that counts, if any.
    public let lastFollowUp: LocalDate?
    /// The planned next follow-up, if one is planned.
    public let planned: LocalDate?
    /// The date the quiet rule falls due.
    public let quietDue: LocalDate
    public let months: Int

    /// `followUps` are the order's follow-ups that count, oldest first (as the store gives them).
    public init(order: Order, followUps: [FollowUpOutcome], months: Int) {
        let last = followUps.last
        lastFollowUp = last?.date
        planned = last.map(\.nextFollowUp) ?? order.followUpDate
        quietDue = (last?.date ?? order.start).adding(months: months)
        self.months = months
    }

    /// Both dues, planned first.
    public var dues: [FollowUpDue] {
        (planned.map { [FollowUpDue(kind: .planned, date: $0)] } ?? []) + [FollowUpDue(kind: .quiet(months: months), date: quietDue)]
    }

    /// What is overdue on `today`; when nothing is, the next due date alone.
    public func attention(on today: LocalDate) -> [FollowUpDue] {
        let overdue = dues.filter { $0.isOverdue(on: today) }
        guard overdue.isEmpty else { return overdue.sorted { $0.date < $1.date } }
        return dues.min { $0.date < $1.date }.map { [$0] } ?? []
    }
}
