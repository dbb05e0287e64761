import FFBCatalog
import FFBModel
import FFBParallel
import FFBStore
import Foundation

/// One order as `ffb list orders` shows it: the order, its current goals, and the themes it is
/// about (its goals' themes, then those of the assessments it was ordered on).
public struct OrderSummary: Sendable {
    public let order: Order
    public let isEnteredInError: Bool
    /// Current goal versions, not entered in error.
    public let goalCount: Int
    public let themes: [KLCode]
    /// The themes' names in the store's catalogue.
    public let themeNames: [String]
    /// When the order ended (the store's one rule: a follow-up that ended it, its explicit
    /// ending or its case's closing); nil while it runs.
    public let end: OrderEnd?

    /// Whether the order still runs on `day`: not entered in error and not ended by then.
    public func isRunning(on day: LocalDate) -> Bool {
        !isEnteredInError && (end?.isRunning(on: day) ?? true)
    }

    /// The orders of one citizen, or of everyone; those entered in error only when asked for.
    /// Everyone's are read in a few whole-store passes, one citizen's by that citizen's queries.
    public static func list(in store: any CaseStore, citizen: Pseudonym?, includingErrors: Bool) throws -> [OrderSummary] {
        if let citizen {
            let orders = try store.orders(of: citizen).filter { includingErrors || $0.enteredInError == nil }
            return try list(in: store, orders: orders, ends: store.orderEnds(of: citizen))
        }
        // Everyone's: two pairs of whole-store reads, one on each core.
        let ((orders, goals), (assessments, ends)) = try store.alongside({ there in
            (try there.assessmentThemesByCitizen(), try there.orderEnds())
        }) {
            (try store.orders(of: nil).filter { includingErrors || $0.enteredInError == nil }, try store.currentGoalsByOrder())
        }
        let catalog = store.catalog
        let summaries = WorkerPool.perCore.map(orders) {
            OrderSummary($0, goals: goals[$0.value.id] ?? [], assessments: assessments[$0.value.citizen] ?? [], end: ends[$0.value.id], catalog: catalog)
        }
        // What the summaries were made from is freed while they are written (that takes as long
        // as making them did).
        LetGo.aside((consume orders, consume goals, consume assessments, consume ends))
        return summaries
    }

    /// The summary of one order, read by its own queries.
    public static func one(in store: any CaseStore, order: Stored<Order>) throws -> OrderSummary {
        try list(in: store, orders: [order], ends: store.orderEnd(of: order.value.id).map { [order.value.id: $0] } ?? [:])[0]
    }

    /// The summaries of these orders, each read by its own queries (a citizen's assessments once
    /// for all of that citizen's orders), with their ends as read.
    static func list(in store: any CaseStore, orders: [Stored<Order>], ends: [UUID: OrderEnd]) throws -> [OrderSummary] {
        var assessmentsOf: [Pseudonym: [AssessmentThemes]] = [:]
        return try orders.map { stored in
            let citizen = stored.value.citizen
            let assessments = try assessmentsOf[citizen] ?? store.assessments(of: citizen).filter { $0.enteredInError == nil && $0.value.kind == .assessment }.map {
                AssessmentThemes(caseNumber: $0.value.caseNumber, date: $0.value.date, themes: $0.value.entries.map(\.theme))
            }
            assessmentsOf[citizen] = assessments
            return OrderSummary(stored, goals: try store.goals(of: stored.value.id).currentVersions, assessments: assessments,
                                end: ends[stored.value.id], catalog: store.catalog)
        }
    }

    /// The order's themes: its current goals' themes, then those of the assessments of its case
    /// (or of none) made up to the day it was issued.
    init(_ stored: Stored<Order>, goals current: [Goal], assessments: [AssessmentThemes], end: OrderEnd?, catalog: Catalog) {
        let order = stored.value
        var themes: [KLCode] = []
        themes.reserveCapacity(16)
        for goal in current {
            if !themes.contains(goal.primaryTheme) { themes.append(goal.primaryTheme) }
            for theme in goal.secondaryThemes where !themes.contains(theme) { themes.append(theme) }
        }
        for assessment in assessments where (assessment.caseNumber == nil || assessment.caseNumber == order.caseNumber) && assessment.date <= order.issued {
            for theme in assessment.themes where !themes.contains(theme) { themes.append(theme) }
        }
        self.order = order
        isEnteredInError = stored.enteredInError != nil
        goalCount = current.count
        self.themes = themes
        // By position: the name alone, not a copy of the whole theme.
        themeNames = themes.compactMap { catalog.themePosition($0).map { catalog.themes[$0].name } }
        self.end = end
    }
}
