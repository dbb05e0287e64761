import FFBCatalog
import Foundation

/// A follow-up (opfølgning) on an order: new levels, a new support level, a note per goal, and
/// the decision on the intervention.
public struct FollowUp: Hashable, Sendable {
    public let id: UUID
    public let orderID: UUID
    public let date: LocalDate
    /// New levels for scored themes (the same rules as an assessment's entries).
    public let entries: [AssessmentEntry]
    public let supportLevel: Assessed<SupportLevel>?
    /// Notes keyed by goal series.
    public let goalNotes: [GoalNote]
    public let status: FollowUpStatus
    public let author: String
    /// The follow-up this one replaces (a correction): the store marks that one entered in error.
    public let supersedes: UUID?
    /// When the next follow-up is planned (after this one's date); nil when none was planned.
    public let nextFollowUp: LocalDate?

    public struct GoalNote: Hashable, Sendable {
        public let goalSeriesID: UUID
        public let note: String

        public init(goalSeriesID: UUID, note: String) {
            self.goalSeriesID = goalSeriesID
            self.note = note
        }
    }

    public init(
        id: UUID = UUID(),
        order: Order,
        date: LocalDate,
        entries: [AssessmentEntry],
        supportLevel: Assessed<SupportLevel>?,
        goalNotes: [GoalNote],
        status: FollowUpStatus,
        author: String,
        supersedes: UUID? = nil,
        nextFollowUp: LocalDate? = nil
    ) throws(ModelError) {
        guard date >= order.start else {
            throw .invalid("follow-up date \(date) is before the order starts (\(order.start))")
        }
        var seen = Set<KLCode>()
        for entry in entries where !seen.insert(entry.theme).inserted {
            throw .invalid("theme \(entry.theme) is given twice in one follow-up")
        }
        if Set(goalNotes.map(\.goalSeriesID)).count != goalNotes.count {
            throw .invalid("a goal has two notes in one follow-up")
        }
        if let next = nextFollowUp {
            guard next > date else { throw .invalid("the next follow-up (\(next)) must be after this follow-up's date (\(date))") }
            guard status == .continue else { throw .invalid("a follow-up that ends the intervention plans no next follow-up") }
        }
        self.id = id
        self.orderID = order.id
        self.date = date
        self.entries = entries
        self.supportLevel = supportLevel
        self.goalNotes = goalNotes
        self.status = status
        self.author = author
        self.supersedes = supersedes
        self.nextFollowUp = nextFollowUp
    }
}
