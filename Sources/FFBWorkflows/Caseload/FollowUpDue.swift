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
