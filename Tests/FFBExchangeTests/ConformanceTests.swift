import FFBExchange
import FFBJSON
import FFBWorkflows
import Foundation
import KLConformance
import Testing

/// KL's profile rules (Tests/KLConformance) on KL's own examples, on copies of them with one rule
/// broken each, and on what FFBKit writes.
@Suite struct ConformanceTests {
    let order: JSONValue

    init() throws {
        order = try Documents.json(Paths.klOrderMessage)
    }

    static func rules(_ violations: [Conformance.Violation]) -> [String] { violations.map(\.rule) }

    @Test func kl_sOrderExampleKeepsTheMessagingRules() {
        #expect(Conformance.klMessaging.violations(order) == [])
    }

    @Test func theDraftsExampleBreaksOnlyTheAccountNumberSliceTheReleaseFixed() throws {
        // The draft's example under the released URLs: its Account number has no system urn:accountno
        // (Tests/Fixtures/fhir/kl-messaging-0.1.0-draft/PROVENANCE.md), the reason 1.0.0 named the slice.
        var text = try String(contentsOf: Paths.klDraftOrderMessage, encoding: .utf8)
        for (draft, released) in [("http://ffb/messaging/kl.dk/1.0/", "http://fhir.kl.dk/ffbmessaging/"),
                                   ("http://kl.dk/fhir/common/caresocial/StructureDefinition/", "http://fhir.kl.dk/core/StructureDefinition/"),
                                   ("http://kl.dk/fhir/common/caresocial/CodeSystem/KLCommonCareSocialCodes", "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes")] {
            text = text.replacingOccurrences(of: draft, with: released)
        }
        let violations = Conformance.klMessaging.violations(of: Data(text.utf8))
        #expect(Self.rules(violations) == ["Account.identifier.system 1..", "Account.identifier:accountno 1..1"])
        #expect(violations.map(\.location) == ["/entry/40/resource/identifier/0", "/entry/40/resource"])
    }

    @Test(arguments: Paths.klDeliveryReports)
    func kl_sDeliveryReportsKeepTheReportingRules(_ file: URL) throws {
        let report = try Documents.json(file)
        #expect(Conformance.klReporting(requireLastUpdated: false).violations(report) == [])
        // The guide's text asks for meta.lastUpdated, which KL's own examples leave out (§2 rule 6).
        #expect(Set(Self.rules(Conformance.klReporting().violations(report))) == ["index.md rule 6: meta.lastUpdated"])
    }

    /// A copy of one of KL's examples with one rule broken, and the rule the checker must name.
    struct Broken: CustomTestStringConvertible, Sendable {
        let rule: String
        let location: String
        let base: URL
        let edits: [(String, JSONValue?)]

        init(_ rule: String, at location: String, in base: URL = Paths.klOrderMessage, _ edits: (String, JSONValue?)...) {
            (self.rule, self.location, self.base, self.edits) = (rule, location, base, edits)
        }

        var testDescription: String { rule }

        func bundle() throws -> JSONValue {
            edits.reduce(try Documents.json(base)) { $0.setting($1.0, to: $1.1) }
        }
    }

    static let report = Paths.klDeliveryReport
    static let unknownExtension: JSONValue = .object(["url": "http://example.org/StructureDefinition/other", "valueString": "x"])

    static let broken: [Broken] = [
        // Messaging 1.0.0.
        Broken("Bundle.type = #message", at: "/type", ("/type", "collection")),
        Broken("bdl-12", at: "", ("/entry/0/resource/resourceType", "Basic"), ("/entry/0/resource/meta", nil)),
        Broken("MessageHeader.eventCoding = $messageEvent#ffb-order", at: "/entry/0/resource/eventCoding",
               ("/entry/0/resource/eventCoding/code", "ffb-report")),
        Broken("MessageHeader.destination.receiver 1..", at: "/entry/0/resource/destination/0", ("/entry/0/resource/destination/0/receiver", nil)),
        Broken("Organization.name 1..", at: "/entry/1/resource", ("/entry/1/resource/name", nil)),
        Broken("CarePlan.goal:fpurpose 1..1", at: "/entry/3/resource", ("/entry/3/resource/goal/0", nil)),
        Broken("CarePlan.addresses 1..", at: "/entry/3/resource", ("/entry/3/resource/addresses", nil)),
        Broken("CarePlan.created 1..1", at: "/entry/3/resource", ("/entry/3/resource/created", nil)),
        Broken("gol-1", at: "/entry/6/resource", ("/entry/6/resource/target/0/measure", nil)),
        Broken("Goal.category = $KLCommon#0bb3daef-538d-45dc-b444-abdbcb63f6bc", at: "/entry/6/resource/category/0",
               ("/entry/6/resource/category/0/coding/0/code", "416fe27d-3ccf-4390-8742-8b52a9d8dc78")),
        Broken("Encounter.type = $KLCommon#9f03dfbb-7a97-45a5-94db-d4c3501714a9", at: "/entry/18/resource/type/0",
               ("/entry/18/resource/type/0/coding/0/code", "95ec4535-8fe8-4296-867c-35de421794cf")),
        Broken("RelatedPerson.extension:guardianshipForm 1..1", at: "/entry/37/resource", ("/entry/37/resource/extension", nil)),
        Broken("Patient.telecom:phone 1..", at: "/entry/39/resource", ("/entry/39/resource/telecom/0", nil)),
        Broken("Account.status = #active", at: "/entry/40/resource/status", ("/entry/40/resource/status", "inactive")),
        Broken("Account.identifier:accountno 1..1", at: "/entry/40/resource", ("/entry/40/resource/identifier/0/system", "urn:iban")),
        Broken("Organization.identifier:eanIdentifier 1..1", at: "/entry/41/resource", ("/entry/41/resource/identifier/0/system", "urn:oid:1.2.208.176.1.1")),
        Broken("DocumentReference.status = #current", at: "/entry/42/resource/status", ("/entry/42/resource/status", "superseded")),
        // Reporting 1.0.0, on the 6th-encounter report.
        Broken("kl-reporting-ffb-delivery-report-1", at: "", in: report,
               ("/entry/2/resource/meta/profile/0", "http://fhir.kl.dk/ffbmessaging/StructureDefinition/kl-messaging-ffb-condition")),
        Broken("kl-reporting-ffb-delivery-report-2", at: "", in: report,
               ("/entry/23/resource/meta/profile/0", "http://fhir.kl.dk/ffbmessaging/StructureDefinition/kl-messaging-ffb-intervention")),
        Broken("kl-reporting-ffb-delivery-report-3", at: "", in: report,
               ("/entry/28/resource/meta/profile/0", "http://fhir.kl.dk/ffbmessaging/StructureDefinition/kl-messaging-ffb-evaluation")),
        Broken("Patient.name ..0", at: "/entry/0/resource", in: report, ("/entry/0/resource/name", .array([.object(["family": "Mogensen"])]))),
        Broken("Patient.managingOrganization.identifier.system = \"https://www.kombit.dk/organisation\"",
               at: "/entry/0/resource/managingOrganization/identifier/system", in: report,
               ("/entry/0/resource/managingOrganization/identifier/system", "https://kombit.dk/sts/organisation")),
        Broken("ServiceRequest.extension closed", at: "/entry/1/resource/extension/1", in: report, ("/entry/1/resource/extension/-", unknownExtension)),
        Broken("Condition.extension closed", at: "/entry/12/resource/extension/1", in: report, ("/entry/12/resource/extension/-", unknownExtension)),
        Broken("kl-reporting-ffb-condition-1", at: "/entry/2/resource", in: report,
               ("/entry/2/resource/severity", .object(["coding": .array([.object(["system": "urn:oid:1.2.208.176.2.22", "code": "5bdde847-2837-416b-ab63-bbff8b7aa531"])])]))),
        Broken("ClinicalImpression.extension:basedOnServiceRequest 1..1", at: "/entry/17/resource", in: report, ("/entry/17/resource/extension", nil)),
        Broken("Goal.target:severitySlice 1..1", at: "/entry/22/resource", in: report, ("/entry/22/resource/target/0", nil)),
        Broken("kl-reporting-ffb-intervention-goal-1", at: "/entry/22/resource", in: report,
               ("/entry/22/resource/addresses/1/reference", "Condition/57dc36db-56ce-4a4a-95e8-2d2c8a85871a")),
        Broken("kl-reporting-ffb-intervention-goal-2", at: "/entry/22/resource", in: report, ("/entry/22/resource/addresses/0/extension/0/valuePositiveInt", 2)),
        Broken("kl-reporting-ffb-follow-up-1", at: "/entry/28/resource", in: report, ("/entry/28/resource/status", "preliminary")),
        Broken("kl-reporting-ffb-care-plan-1", at: "/entry/32/resource", in: report, ("/entry/32/resource/extension/1", nil)),
        Broken("kl-reporting-ffb-care-plan-2", at: "/entry/32/resource", in: report, ("/entry/32/resource/addresses/2/extension/0/valuePositiveInt", 1)),
        Broken("kl-reporting-ffb-care-plan-4", at: "/entry/32/resource", in: report, ("/entry/32/resource/activity", nil)),
        Broken("kl-reporting-ffb-care-plan-5", at: "/entry/32/resource", in: report, ("/entry/32/resource/addresses", nil)),
        Broken("CarePlan.addresses.extension:conditionRank 1..1", at: "/entry/31/resource/addresses/1", in: report,
               ("/entry/31/resource/addresses/1/extension", nil)),
        Broken("CarePlan.extension:municipalityCaseNumber 1..1", at: "/entry/31/resource", in: report, ("/entry/31/resource/extension", nil)),
        Broken("index.md rule 4: references resolve", at: "", in: report,
               ("/entry/29/resource/focus/0/reference", "CarePlan/00000000-0000-4000-8000-000000000000")),
    ]

    @Test(arguments: broken)
    func aCopyWithOneRuleBrokenFailsThatRuleAtItsPlace(_ broken: Broken) throws {
        let checker = broken.base == Self.report ? Conformance.klReporting(requireLastUpdated: false) : Conformance.klMessaging
        let violations = checker.violations(try broken.bundle())
        #expect(Self.rules(violations) == [broken.rule], "\(violations)")
        #expect(violations.first?.location == broken.location)
    }

    /// Every rule the tables state is broken by one copy above, so none is untested. (Lines of the
    /// reporting profiles that forbid elements a writer could not plausibly fill are not listed.)
    @Test func theBrokenCopiesCoverEveryInvariant() {
        let invariants = ["bdl-12", "gol-1"] + (1...3).map { "kl-reporting-ffb-delivery-report-\($0)" }
            + ["kl-reporting-ffb-condition-1", "kl-reporting-ffb-intervention-goal-1", "kl-reporting-ffb-intervention-goal-2",
               "kl-reporting-ffb-follow-up-1"] + [1, 2, 4, 5].map { "kl-reporting-ffb-care-plan-\($0)" }
        #expect(Set(invariants).subtracting(Self.broken.map(\.rule)).isEmpty)
    }
}
