import FFBCatalog
import FFBFiles
import FFBJSON
import FFBModel
import Foundation

/// Reads a KL FFB order message (messaging IG 1.0.0, or the draft it grew from) into the same raw
/// shape as a native order, so one validator checks both. Everything FFBKit holds is mapped; the
/// whole message is kept (`KeptMessage`), every resource with what it was read as, so nothing is
/// lost. A warning is given where something is not understood (a resource type or element the
/// guide does not define), never for what is kept.
/// See `Docs/fhir/kl-messaging-1.0.0.md` for the mapping.
struct OrderMessageReader {
    func read(_ document: JSONValue, contentHash: String) throws(ExchangeError) -> RawDocument {
        try FHIRMapping.read("the message") { $0.mapOrderMessage(document, contentHash: contentHash) }
    }
}

extension FHIRMapping {
    mutating func mapOrderMessage(_ document: JSONValue, contentHash: String) -> RawDocument? {
        guard readBundle(document) else { return nil }
        checkEntries(.orderMessage)
        if let type = bundle.type, type.value != "message" {
            issues.error("a KL FFB order message is a Bundle of type \"message\"", at: type.pointer)
        } else if bundle.type == nil {
            issues.error("missing required property \"type\"", at: JSONPointer())
        }
        guard let first = bundle.resources.first, first.type == "MessageHeader" else {
            issues.error("the first entry of a message must be its MessageHeader", at: bundle.resources.first.map { $0.pointer.appending("resourceType") } ?? JSONPointer([.key("entry")]))
            return nil
        }
        guard let header = read(first, as: FHIRMessageHeader.self, FHIRMessageHeader.read) else { return nil }
        assign(first, .header)
        let event = header.event
        let isOrder = event?.code == "ffb-order" && (event?.system == FHIRURLs.messageEvent || event?.system == FHIRURLs.messageEventDraft)
        guard isOrder else {
            issues.error("not a KL FFB order message: the event must be \"ffb-order\" in \(FHIRURLs.messageEvent)", at: event?.pointer ?? header.pointer.appending("eventCoding"))
            return nil
        }
        let documentID = bundle.id ?? first.id.map { Located($0, at: first.pointer.appending("id")) }
        if documentID == nil { issues.error("the message has no id (Bundle.id or MessageHeader.id)", at: JSONPointer()) }
        var created: Located<String>?
        if let timestamp = bundle.timestamp {
            do {
                created = Located(try Formats.dateTime(timestamp.value), at: timestamp.pointer)
            } catch {
                issues.error(String(describing: error), at: timestamp.pointer)
            }
        } else {
            issues.error("missing required property \"timestamp\"", at: JSONPointer())
        }
        let sender = party(header.sender, role: "sender", at: header.pointer.appending("sender"))
        let receiver = party(header.receiver, role: "receiver (the provider)", at: header.pointer.appending("destination"))
        if sender != nil, let resource = bundle.resolve(header.sender) { assign(resource, .sender) }
        if receiver != nil, let resource = bundle.resolve(header.receiver) { assign(resource, .receiver) }
        guard let order = orderCarePlan(header: header) else { return nil }
        assign(order.resource, .order)
        var content = rawOrder(order.resource, order.plan, sender: sender, receiver: receiver)
        let kept = keptMessage(documentID: documentID?.value ?? "")
        sortWarnings()
        guard let documentID, let created, let sender, let receiver, var order = content else { return nil }
        order.extras = RawOrderExtras(contact: contact, details: details(kept), kept: kept)
        content = order
        guard let content else { return nil }
        let rawHeader = RawHeader(id: documentID, kind: .order, created: created, sender: sender, receiver: receiver)
        return RawDocument(header: rawHeader, content: .order(content), syntax: .fhirOrderMessage, contentHash: contentHash, warnings: issues.warnings)
    }
}
