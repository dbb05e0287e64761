import FFBExchange
import FFBModel
import FFBStore
import Foundation

/// What `ffb order show` adds to an order's terms: the citizen's contact data, the purpose and
/// payer account, and what the KL message the order came in carried (guardian, consent, the
/// citizen's own goals, documents, …).
public struct OrderExtras: Sendable {
    public let contact: CitizenContact?
    public let details: OrderDetails?
    /// Typed views of the kept message; empty for an order made here.
    public let attachments: OrderAttachments
    public let keptDocumentID: String?
    /// The size of the kept message as received.
    public let keptBytes: Int?

    public static func load(in store: any CaseStore, order: Order) throws -> OrderExtras {
        let kept = try store.keptMessage(of: order.id).map { try KeptMessage($0) }
        return OrderExtras(contact: try store.contact(of: order.citizen)?.value, details: try store.details(of: order.id),
                           attachments: kept.map(OrderAttachments.init) ?? OrderAttachments(), keptDocumentID: kept?.documentID,
                           keptBytes: kept?.bytes.count)
    }

    /// The purposes: the one recorded for the order, else the kept message's.
    public var purposes: [String] {
        if let purpose = details?.purpose { return [purpose] }
        return attachments.purposes
    }
}
