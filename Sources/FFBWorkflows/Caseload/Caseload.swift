import FFBModel
import FFBStore
import Foundation

/// The caseload at a glance: every running order with what is due on it, for everyone or for
/// one caseworker, read in one set of whole-store queries (never a query per citizen).
public struct Caseload: Sendable {
    /// One running order and one date due on it: each overdue date gets an entry of its own;
    /// an order with nothing overdue gets one entry, its next due date.
    public struct Entry: Sendable {
        public let citizen: Pseudonym
        /// The citizen's current name.
        public let name: String
        /// Who recorded the citizen's newest assessment or order (`CaseStore.caseworkers`).
        public let caseworker: String?
        public let order: Order
        public let themeCount: Int
        public let schedule: FollowUpSchedule
        public let due: FollowUpDue
        public let daysOverdue: Int

        public var isOverdue: Bool { daysOverdue > 0 }
    }

    public let today: LocalDate
    public let months: Int
    public let entries: [Entry]

    /// Running orders as of `today`, of the citizens whose caseworker is `caseworker` (everyone's
    /// when nil), most overdue citizen first; `onlyOverdue` leaves out what is not overdue yet.
    public static func load(
        _ store: any CaseStore, today: LocalDate, months: Int, caseworker: String? = nil, onlyOverdue: Bool = false
    ) throws -> Caseload {
        let caseworkers = try store.caseworkers()
        let names = Dictionary(try store.citizenNames().map { ($0.pseudonym, $0.current) }, uniquingKeysWith: { first, _ in first })
        let followUps = try store.followUpOutcomesByOrder()
        var entries: [Entry] = []
        for summary in try OrderSummary.list(in: store, citizen: nil, includingErrors: false) where summary.isRunning(on: today) {
            let order = summary.order
            if let caseworker, caseworkers[order.citizen] != caseworker { continue }
            // As of `today`: a follow-up recorded after it is not yet known then.
            let known = (followUps[order.id] ?? []).filter { $0.date <= today }
            let schedule = FollowUpSchedule(order: order, followUps: known, months: months)
            for due in schedule.attention(on: today) where !onlyOverdue || due.isOverdue(on: today) {
                entries.append(Entry(citizen: order.citizen, name: names[order.citizen] ?? "", caseworker: caseworkers[order.citizen],
                                     order: order, themeCount: summary.themes.count, schedule: schedule, due: due,
                                     daysOverdue: due.daysOverdue(on: today)))
            }
        }
        return Caseload(today: today, months: months, entries: ordered(entries))
    }

    /// Citizens by their most overdue entry (then name), each citizen's entries together, most
    /// overdue first.
    static func ordered(_ entries: [Entry]) -> [Entry] {
        let worst = Dictionary(entries.map { ($0.citizen, $0.daysOverdue) }, uniquingKeysWith: max)
        return entries.sorted { a, b in
            let (wa, wb) = (worst[a.citizen] ?? 0, worst[b.citizen] ?? 0)
            if wa != wb { return wa > wb }
            if a.citizen != b.citizen { return (a.name, a.citizen.rawValue) < (b.name, b.citizen.rawValue) }
            if a.daysOverdue != b.daysOverdue { return a.daysOverdue > b.daysOverdue }
            return (a.order.start, a.order.id.storeText) < (b.order.start, b.order.id.storeText)
        }
    }
}
