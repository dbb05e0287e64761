import FFBCatalog
import FFBModel
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

    /// The orders of one citizen, or of everyone; those entered in error only when asked for.
    public static func list(in store: any CaseStore, citizen: Pseudonym?, includingErrors: Bool) throws -> [OrderSummary] {
        try list(in: store, orders: store.orders(of: citizen).filter { includingErrors || $0.enteredInError == nil })
    }

    /// The summaries of these orders.
    public static func list(in store: any CaseStore, orders: [Stored<Order>]) throws -> [OrderSummary] {
        try orders.map { try OrderSummary($0, store: store) }
    }

    init(_ stored: Stored<Order>, store: any CaseStore) throws {
        let order = stored.value
        let current = try store.goals(of: order.id).currentVersions
        var themes: [KLCode] = []
        for goal in current {
            for theme in [goal.primaryTheme] + goal.secondaryThemes where !themes.contains(theme) { themes.append(theme) }
        }
        let assessments = try store.assessments(of: order.citizen).filter {
            $0.enteredInError == nil && $0.value.kind == .assessment
                && ($0.value.caseNumber == nil || $0.value.caseNumber == order.caseNumber) && $0.value.date <= order.issued
        }
        for assessment in assessments {
            for entry in assessment.value.entries where !themes.contains(entry.theme) { themes.append(entry.theme) }
        }
        self.order = order
        isEnteredInError = stored.enteredInError != nil
        goalCount = current.count
        self.themes = themes
        themeNames = themes.compactMap { store.catalog.theme($0)?.name }
    }
}
