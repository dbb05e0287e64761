import FFBCatalog
import FFBModel
import Foundation

/// The content of a follow-up report: the provider's follow-up on one order.
public struct FollowUpRecord: Hashable, Sendable {
    public var id: UUID
    public var orderID: UUID
    public var date: LocalDate
    public var author: String
    public var entries: [AssessmentEntry]
    public var supportLevel: Assessed<SupportLevel>?
    public var goalNotes: [FollowUp.GoalNote]
    public var status: FollowUpStatus

    public init(
        id: UUID, orderID: UUID, date: LocalDate, author: String, entries: [AssessmentEntry],
        supportLevel: Assessed<SupportLevel>?, goalNotes: [FollowUp.GoalNote], status: FollowUpStatus
    ) {
        self.id = id
        self.orderID = orderID
        self.date = date
        self.author = author
        self.entries = entries
        self.supportLevel = supportLevel
        self.goalNotes = goalNotes
        self.status = status
    }

    /// The follow-up against its order; fails when the order's dates do not allow it.
    public func followUp(order: Order) throws(ModelError) -> FollowUp {
        try FollowUp(id: id, order: order, date: date, entries: entries, supportLevel: supportLevel, goalNotes: goalNotes,
                     status: status, author: author)
    }
}
