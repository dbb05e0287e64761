import FFBExchange
import FFBJSON
import FFBModel
import FFBStore
import Foundation

extension KeptMessage {
    /// As the store keeps it: each resource's JSON text and role.
    var stored: StoredMessage {
        StoredMessage(documentID: documentID, bytes: bytes, resources: resources.enumerated().map { position, kept in
            StoredMessage.Resource(role: kept.role.text, fullUrl: position < fullUrls.count ? fullUrls[position] : nil, json: kept.resource.jsonString())
        })
    }

    /// Read back from the store; a resource whose text or role does not read is a damaged store.
    init(_ stored: StoredMessage) throws(StoreError) {
        var resources: [KeptResource] = []
        for (position, resource) in stored.resources.enumerated() {
            guard let role = ResourceRole(text: resource.role), let value = try? JSONParser().parse(resource.json) else {
                throw .database("the kept message of document \(stored.documentID) is damaged at resource \(position)")
            }
            resources.append(KeptResource(role: role, resource: value))
        }
        self.init(documentID: stored.documentID, bytes: stored.bytes, resources: resources, fullUrls: stored.resources.map(\.fullUrl))
    }
}

extension ExchangeImporter {
    /// What an order document carries beyond the FFB records: the message it came in, the
    /// purpose and payer account, and the citizen's contact data when it says something new.
    mutating func keepExtras(_ package: OrderPackage, citizen: Citizen) throws {
        let orderID = package.order.id
        if let kept = package.kept, let refusal = try refusal({ try writer.keepMessage(kept.stored, of: orderID) }) {
            fail(refusal, at: .order(orderID))
        }
        if let details = package.details, let refusal = try refusal({ try writer.recordDetails(details, of: orderID) }) {
            fail(refusal, at: .order(orderID))
        }
        if let contact = package.contact, contact.phone != nil || contact.address != nil {
            let current = try store.contact(of: citizen.pseudonym)?.value
            if current != contact, let refusal = try refusal({ try writer.recordContact(contact, of: citizen.pseudonym) }) {
                fail(refusal, at: .citizen(cpr: package.citizen.cpr.digits))
            }
        }
    }
}
