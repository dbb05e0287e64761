import FFBModel
import FFBStore
import Foundation

/// When a running order's next follow-up is due, by the caseload's two rules:
///
/// - **planned**: the next follow-up the order's latest follow-up planned (`followup record
///   --next`), or, before its first follow-up, the order's own follow-up date. A follow-up that
///   plans nothing leaves none planned. It is overdue once the date has passed with no follow-up
///   since (a follow-up after it would be the latest and carry the plan).
/// - **quiet**: `months` after the order's latest follow-up, or after its start if it never had
///   one; overdue once that date has passed.
///
/// An order that has ended is never due: the caseload asks only about running orders.
public struct FollowUpDue: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A planned follow-up date.
        case planned
        /// No follow-up for `months` months.
        case quiet(months: Int)

        /// The name programs read (`planned-follow-up`, `no-follow-up-12-months`).
        public var key: String {
            switch self {
            case .planned: "planned-follow-up"
            case .quiet(let months): "no-follow-up-\(months)-months"
            }
        }
    }

    public let kind: Kind
    public let date: LocalDate

    public init(kind: Kind, date: LocalDate) {
        self.kind = kind
        self.date = date
    }

    /// Days from the due date to `today`: positive when overdue, zero on the day, negative while
    /// there is time left.
    public func daysOverdue(on today: LocalDate) -> Int {
        date.days(until: today)
    }

    public func isOverdue(on today: LocalDate) -> Bool {
        daysOverdue(on: today) > 0
    }
}

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
