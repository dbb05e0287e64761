import FFBCatalog
import FFBJSON
import FFBModel
import Foundation

/// Stage 2 of the pipeline: `RawDocument` → `ExchangeDocument`, against one catalogue.
///
/// Checks what the raw shape cannot: that every theme, service, offer type and target group is
/// in the catalogue, that levels sit exactly on the scored themes, that an order has at most one
/// primary target group and its goals scored primary themes, that dates come in order, and that
/// ids are not repeated. Every problem is reported, each at its pointer.
public struct DocumentValidator: Sendable {
    let index: CatalogIndex

    public init(catalog: Catalog = BuiltInCatalogs.standard) {
        index = CatalogIndex(catalog: catalog)
    }

    public var catalog: Catalog { index.catalog }

    public func validate(_ raw: RawDocument) throws(ExchangeError) -> ExchangeDocument {
        var context = ValidationContext(index: index)
        context.issues.warnings = raw.warnings
        context.locations[.header] = raw.header.id.pointer
        let sender = context.party(raw.header.sender)
        let receiver = context.party(raw.header.receiver)
        let content: ExchangeDocument.Content?
        switch raw.content {
        case .order(let order):
            content = context.orderPackage(order).map(ExchangeDocument.Content.order)
        case .followUpReport(let followUp):
            content = context.followUp(followUp).map(ExchangeDocument.Content.followUpReport)
        case .assessment(let assessment):
            content = context.assessmentPackage(assessment).map(ExchangeDocument.Content.assessment)
        case .extract(let extract):
            content = context.extract(extract).map(ExchangeDocument.Content.extract)
        case .deliveryReport(let report):
            content = context.deliveryReport(report).map(ExchangeDocument.Content.deliveryReport)
        }
        guard !context.issues.hasErrors, let content, let sender, let receiver else {
            if !context.issues.hasErrors { context.error("the document could not be read", at: JSONPointer()) }
            throw ExchangeError(context.issues)
        }
        let header = DocumentHeader(id: raw.header.id.value, kind: raw.header.kind, created: raw.header.created.value, sender: sender, receiver: receiver)
        return ExchangeDocument(header: header, content: content, syntax: raw.syntax, contentHash: raw.contentHash,
                                locations: context.locations, warnings: context.issues.warnings)
    }
}

extension ValidationContext {
    mutating func extract(_ raw: RawExtract) -> CaseloadExtract? {
        var orders: [OrderPackage] = []
        var orderIDs: [UUID: JSONPointer] = [:]
        for order in raw.orders {
            if let first = orderIDs[order.order.id.value] {
                error("order id appears twice in the extract (first at \(first.location))", at: order.order.id.pointer)
                continue
            }
            orderIDs[order.order.id.value] = order.order.id.pointer
            if let package = orderPackage(order) { orders.append(package) }
        }
        let assessments = raw.assessments.compactMap { assessmentPackage($0) }
        var followUps: [FollowUpRecord] = []
        var followUpIDs: [UUID: JSONPointer] = [:]
        for followUp in raw.followUps {
            if let first = followUpIDs[followUp.id.value] {
                error("follow-up id appears twice in the extract (first at \(first.location))", at: followUp.id.pointer)
                continue
            }
            followUpIDs[followUp.id.value] = followUp.id.pointer
            if let record = self.followUp(followUp) { followUps.append(record) }
        }
        guard orders.count == raw.orders.count, assessments.count == raw.assessments.count, followUps.count == raw.followUps.count else { return nil }
        return CaseloadExtract(orders: orders, assessments: assessments, followUps: followUps)
    }
}
