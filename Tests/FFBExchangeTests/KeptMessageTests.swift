import FFBCatalog
import FFBExchange
import FFBJSON
import FFBModel
import FFBStore
import FFBWorkflows
import Foundation
import KLConformance
import Testing

/// Issue 18: an imported KL order keeps every resource it carried, and goes out again as it came.
@Suite struct KeptMessageTests {
    let bytes: Data
    let message: JSONValue

    init() throws {
        bytes = try Data(contentsOf: Paths.klOrderMessage)
        message = try Documents.json(Paths.klOrderMessage)
    }

    /// Decoded from the file's bytes, as `ffb import` does.
    func document(_ data: Data? = nil) throws -> ExchangeDocument {
        try DocumentValidator().validate(try DocumentDecoder().decode(data ?? bytes))
    }

    static func typeCounts(_ bundle: JSONValue) -> [String: Int] {
        (bundle["entry"]?.arrayValue ?? []).reduce(into: [:]) { counts, entry in
            counts[entry["resource"]?["resourceType"]?.stringValue ?? "?", default: 0] += 1
        }
    }

    /// Every (system, code) pair anywhere in a bundle.
    static func codes(_ value: JSONValue) -> Set<String> {
        switch value {
        case .object(let object):
            var found = Set(object.members.flatMap { codes($0.value) })
            if let code = object["code"]?.stringValue { found.insert("\(object["system"]?.stringValue ?? "")|\(code)") }
            return found
        case .array(let elements): return Set(elements.flatMap(codes))
        default: return []
        }
    }

    static func references(_ value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            object.members.flatMap { $0.key == "reference" ? [$0.value.stringValue ?? ""] : references($0.value) }
        case .array(let elements): elements.flatMap(references)
        default: []
        }
    }

    @Test func kl_sOrderKeepsEveryResourceWithWhatItWasReadAs() throws {
        let package = try #require(Documents.order(try document()))
        let kept = try #require(package.kept)
        #expect(kept.bytes == Array(bytes))
        #expect(kept.documentID == "909e720e-3edb-45b9-aeb2-655a97861f7c")
        #expect(kept.resources.count == 44)
        #expect(kept.resources.filter(\.role.isRebuilt).count == 24)
        let verbatim = Dictionary(grouping: kept.verbatim, by: \.role.text).mapValues(\.count)
        #expect(verbatim == ["purpose": 1, "citizen-objective": 1, "diagnosis": 1, "follow-up": 1, "related-plan": 2, "other": 6,
                             "evaluation": 3, "related-person": 1, "guardian": 1, "consent": 1, "document": 2])
        #expect(kept.resources[39].role == .citizen && kept.resources[3].role == .order && kept.resources[40].role == .account)
        #expect(kept.resources[31].role == .other, "the service \"Kørsel efter §105\" has no FFB code")
        // What FFBKit records from them, typed.
        #expect(package.contact?.phone == "22334455")
        #expect(package.contact?.address?.text == "Bostedet Storested, Harevænget 11, 9999 Y-borg")
        #expect(package.details?.payerAccount == "4444-88888888")
        #expect(package.details?.purpose == "At Christian trives i sit hjem og oplever at blive forstået.")
        let attachments = OrderAttachments(kept)
        #expect(attachments.guardians.map(\.name) == ["Børge Børgesen"])
        #expect(attachments.guardians.first?.guardianshipForm == "5")
        #expect(attachments.guardians.first?.address == "Østervej 9, 9999 Y-borg")
        #expect(attachments.relatives.map(\.name) == ["Louise Christiansen"])
        #expect(attachments.relatives.first?.relationships == ["MTH", "advocate"])
        #expect(attachments.citizenContacts.map(\.relationships) == [["N", "Mor"]])
        #expect(attachments.consents.first?.to == ["Louise Christiansen"])
        #expect(attachments.consents.first?.policy == "persondataloven")
        #expect(attachments.documents.map(\.title) == ["Journal for Christian Christensen", "Kontinuation for Christian Christensen"])
        #expect(attachments.documents.allSatisfy { $0.type == "application/pdf" && $0.reference == nil })
        #expect(attachments.diagnoses.count == 1)
        #expect(attachments.diagnoses.first?.text?.hasPrefix("Christian er i 2008 diagnosticeret med autisme") == true)
        #expect(attachments.citizenObjectives.count == 1)
        #expect(attachments.followUps == ["2021-06-15"])
    }

    @Test func aResourceTheGuideDoesNotDefineIsKeptWithAWarning() throws {
        var entries = message["entry"]?.arrayValue ?? []
        entries.append(.object(JSONObject([("fullUrl", .string("Basic/x1")), ("resource", .object(JSONObject([
            ("resourceType", .string("Basic")), ("id", .string("x1")),
            ("code", .object(JSONObject([("text", .string("noget andet"))]))),
        ])))])))
        let document = try Documents.decode(message.setting("/entry", to: .array(entries)))
        #expect(document.warnings.has("/entry/44/resource/resourceType", "not part of KL's order message; kept as it came"))
        #expect(Documents.order(document)?.kept?.resources.last?.role == .unknown)
    }

    @Test func importThenExportGivesKL_sResourcesBackAndKeepsTheirRules() throws {
        let stores = try TemporaryStore()
        try stores.importing([try document()])
        let stored = try #require(try stores.store.keptMessage(of: UUID(uuidString: "55602964-b665-45bc-ad84-620c42e1761b")!))
        #expect(stored.bytes == Array(bytes))
        #expect(stored.resources.count == 44)
        let exported = try ExchangeExporter(store: stores.store).orderMessage("55602964")
        #expect(Conformance.klMessaging.violations(exported) == [])
        #expect(Self.typeCounts(exported) == Self.typeCounts(message))
        #expect(Self.typeCounts(exported) == ["MessageHeader": 1, "Organization": 7, "CarePlan": 8, "ClinicalImpression": 1, "Goal": 3,
                                              "Condition": 10, "Encounter": 1, "CareTeam": 2, "Observation": 4, "RelatedPerson": 2,
                                              "Consent": 1, "Patient": 1, "Account": 1, "DocumentReference": 2])
        // Every code KL sent comes back; FFBKit adds only the evaluation activity, "confirmed" and
        // "ikke vurderet" on the three themes KL left without a severity.
        let sent = Self.codes(message), back = Self.codes(exported)
        #expect(sent.subtracting(back).isEmpty, "\(sent.subtracting(back))")
        #expect(back.subtracting(sent) == ["http://fhir.kl.dk/term/CodeSystem/CareSocialCodes|95ec4535-8fe8-4296-867c-35de421794cf",
                                           "http://terminology.hl7.org/CodeSystem/condition-ver-status|confirmed",
                                           "urn:oid:1.2.208.176.2.22|1c327095-107f-4b96-88d0-ec562cb980be"])
        // Every reference names an entry of the message written.
        let urls = Set((exported["entry"]?.arrayValue ?? []).compactMap { $0["fullUrl"]?.stringValue })
        #expect(Self.references(exported).allSatisfy(urls.contains))
        // Read again, it is the same order with nothing to warn about that was not warned before, and written again, the same message.
        let again = try Documents.decode(exported)
        #expect(!again.warnings.contains { $0.message.contains("kept as it came") })
        let second = try TemporaryStore()
        try second.importing([again])
        #expect(try ExchangeExporter(store: second.store).orderMessage("55602964").jsonString() == exported.jsonString())
    }

    @Test func anOrderWithoutWhatKL_sProfilesRequireIsRefusedNamingWhatToRecord() throws {
        let stores = try TemporaryStore()
        let native = try Documents.decode(Paths.example("order"))
        try stores.importing([native])
        let id = try #require(Documents.order(native)?.order.id.storeText)
        let citizen = try stores.store.order(id).value.citizen
        #expect {
            _ = try ExchangeExporter(store: stores.store).orderMessage(id)
        } throws: { error in
            guard case ExportError.refused(let message) = error else { return false }
            return message == "the citizen \(citizen) has no phone number, which KL's order message requires (Patient.telecom:phone): "
                + "record it with ffb citizen update \(citizen) --phone NUMBER"
        }
        var package = try #require(Documents.order(native))
        #expect(OrderMessageWriter.missingRequirements(package).first == .citizenPhone)
        #expect(OrderMessageWriter.missingRequirements(package).contains(.purpose))
        // A payer other than the sender and the provider is KL's account owner, named by EAN.
        package.order.payer = try Organization(name: "Økonomiafdelingen", identifier: "0751")
        package.order.targetGroups = []
        #expect(OrderMessageWriter.missingRequirements(package).contains(.payerEAN(payer: "Økonomiafdelingen", identifier: "0751")))
        #expect(OrderMessageWriter.missingRequirements(package).contains(.targetGroup))
        package.order.payer = try Organization(name: "Økonomiafdelingen", identifier: "5798000000001")
        #expect(!OrderMessageWriter.missingRequirements(package).contains { if case .payerEAN = $0 { true } else { false } })
    }
}
