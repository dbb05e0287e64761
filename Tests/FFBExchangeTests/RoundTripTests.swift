import FFBCatalog
import FFBExchange
import FFBWorkflows
import FFBJSON
import FFBModel
import FFBStore
import Foundation
import KLConformance
import Testing

/// The same records through every path come back the same.
@Suite struct RoundTripTests {
    static let orders = [Paths.example("order"), Paths.fixture("order-every-field.json")]

    @Test(arguments: orders)
    func nativeToFHIRToNativeKeepsEveryFieldTheModelHolds(_ url: URL) throws {
        let original = try Documents.json(url)
        let document = try Documents.decode(original)
        let native = try #require(Documents.order(document))
        // What KL's profiles require beyond the native document: a phone, the purpose and, with a payer, its account.
        var package = native
        package.contact = try CitizenContact(name: package.citizen.name, phone: "+45 86 12 34 56",
                                             address: PostalAddress(line: "Vestergade 1", postalCode: "8000", city: "Aarhus C"))
        package.details = try OrderDetails(purpose: "Borgeren klarer mere selv", payerAccount: package.order.payer == nil ? nil : "0751-00000001")
        #expect(OrderMessageWriter.missingRequirements(native).contains(.citizenPhone))
        #expect(OrderMessageWriter.missingRequirements(package) == [])
        let header = document.header
        let message = OrderMessageWriter().message(package, sender: header.sender, receiver: header.receiver, created: header.created, id: header.id)
        #expect(Conformance.klMessaging.violations(message) == [])
        let back = try Documents.decode(message)
        #expect(back.syntax == .fhirOrderMessage)
        #expect(back.warnings.isEmpty, "\(back.warnings)")
        #expect(back.header == header)
        var read = try #require(Documents.order(back))
        // The message itself is kept whole beside the records; every resource in it was read as FFBKit wrote it.
        #expect(read.kept?.resources.count == message["entry"]?.arrayValue?.count)
        #expect(read.kept?.verbatim.map(\.role) == [.purpose])
        read.kept = nil
        #expect(read == package)
        let nativeBack = NativeWriter().document(content: back.content, sender: back.header.sender, receiver: back.header.receiver,
                                             created: back.header.created, id: back.header.id)
        // The native document carries the phone, address, purpose and payer account too; without them it is the original.
        #expect(nativeBack == NativeWriter().document(content: .order(package), sender: header.sender, receiver: header.receiver,
                                                      created: header.created, id: header.id))
        #expect(NativeWriter().document(content: .order(native), sender: header.sender, receiver: header.receiver,
                                        created: header.created, id: header.id) == original)
        let order = nativeBack["order"]
        #expect(order?["citizen"]?["phone"]?.stringValue == "+45 86 12 34 56" && order?["citizen"]?["address"]?["postal_code"]?.stringValue == "8000")
        #expect(order?["purpose"]?.stringValue == "Borgeren klarer mere selv")
    }

    @Test func theFHIRMessageIsTheSameForTheSameOrder() throws {
        let document = try Documents.decode(Paths.example("order"))
        let package = try #require(Documents.order(document))
        let first = OrderMessageWriter().message(package, sender: document.header.sender, receiver: document.header.receiver, created: "2025-02-15T00:00:00Z")
        let second = OrderMessageWriter().message(package, sender: document.header.sender, receiver: document.header.receiver, created: "2025-02-15T00:00:00Z")
        #expect(first.jsonString() == second.jsonString())
        let ids = (first["entry"]?.arrayValue ?? []).compactMap { $0["resource"]?["id"]?.stringValue }
        #expect(ids.count == first["entry"]?.arrayValue?.count)
        #expect(ids.allSatisfy { KLCode($0) != nil })
        #expect(Set(ids).count == ids.count)
    }

    @Test(arguments: ["order", "follow-up-report", "assessment", "extract"])
    func exportAfterImportGivesTheExampleBack(_ kind: String) throws {
        let stores = try TemporaryStore()
        let example = try Documents.json(Paths.example(kind))
        var documents = [try Documents.decode(example)]
        if kind == "follow-up-report" { documents.insert(try Documents.decode(Paths.example("order")), at: 0) }
        try stores.importing(documents)
        let exporter = ExchangeExporter(store: stores.store)
        let exported: ExportedContent
        switch kind {
        case "order": exported = try exporter.order(try #require(example["order"]?["id"]?.stringValue))
        case "follow-up-report": exported = try exporter.followUpReport(try #require(example["follow_up"]?["id"]?.stringValue))
        case "assessment": exported = try exporter.assessment(try #require(example["assessment"]?["id"]?.stringValue))
        default:
            let sender = try Organization(name: "Odense Kommune", identifier: "0461")
            exported = try exporter.extract(citizen: nil, sender: sender)
        }
        #expect(NativeWriter().document(exported) == example)
    }
}
