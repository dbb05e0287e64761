import FFBModel
import FFBStore
import Foundation

/// Follow-ups as `ffb list follow-ups` shows them: each with its order's citizen and provider.
public struct FollowUpListing: Sendable {
    public let followUp: Stored<StoredFollowUp>
    public let order: Order

    /// Every follow-up, one citizen's or one order's (the order wins when both are given), oldest
    /// order first and each order's by date; those entered in error only when asked for. Everyone's
    /// are read in one pass per table, not a query per order.
    public static func list(in store: any CaseStore, citizen: Pseudonym?, order reference: String?, includingErrors: Bool) throws -> [FollowUpListing] {
        let orders: [Stored<Order>]
        let followUps: [Stored<StoredFollowUp>]
        if let reference {
            let order = try store.order(reference)
            if let citizen, order.value.citizen != citizen {
                throw StoreError.invalid("order \(order.value.id.storeText) is not an order of \(citizen)")
            }
            (orders, followUps) = ([order], try store.followUps(of: order.value.id))
        } else {
            (orders, followUps) = (try store.orders(of: citizen), try store.followUps(ofCitizen: citizen))
        }
        let byOrder = Dictionary(grouping: followUps.filter { includingErrors || $0.enteredInError == nil }, by: \.value.orderID)
        return orders.flatMap { order in (byOrder[order.value.id] ?? []).map { FollowUpListing(followUp: $0, order: order.value) } }
    }
}
