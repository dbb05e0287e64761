import FFBCatalog
import FFBExchange
import FFBWorkflows
import FFBJSON
import FFBModel
import FFBStore
import Foundation
import KLConformance
import Testing

/// KL reporting DeliveryReports: one bundle per citizen per day with changes, by the guide's rules.
@Suite struct DeliveryReportTests {
    static let stsOrganisation = "7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b"
    static var settings: DeliveryReportSettings {
        var settings = DeliveryReportSettings()
        settings.reportingOrganisation = stsOrganisation
        return settings
    }

    @Test func withoutAKOMBITSTSOrganisationIdNoReportIsWritten() throws {
        let stores = try TemporaryStore()
        try stores.importing([try Documents.decode(Paths.example("order"))])
        #expect {
            _ = try DeliveryReportExporter(store: stores.store).reports()
        } throws: { error in
            guard case ExportError.refused(let message) = error else { return false }
            return message.contains("KOMBIT STS organisation id")
        }
    }

    @Test func theReportingMunicipalityIsItsSTSOrganisationIdUnderKL_sSystem() throws {
        let stores = try TemporaryStore()
        try stores.importing([try Documents.decode(Paths.example("order"))])
        let report = try #require(try DeliveryReportExporter(store: stores.store, settings: Self.settings).reports().first)
        let patient = try #require(report.bundle["entry"]?.arrayValue?.compactMap { $0["resource"] }.first { $0["resourceType"]?.stringValue == "Patient" })
        let identifier = patient["managingOrganization"]?["identifier"]
        #expect(identifier?["use"]?.stringValue == "official")
        #expect(identifier?["system"]?.stringValue == "https://www.kombit.dk/organisation")
        #expect(identifier?["value"]?.stringValue == Self.stsOrganisation)
    }

    let stores: TemporaryStore
    let reports: [DeliveryReport]

    init() throws {
        stores = try TemporaryStore()
        try stores.importing([try Documents.decode(Paths.example("order")), try Documents.decode(Paths.example("follow-up-report")),
                              try Documents.decode(Paths.example("assessment"))])
        reports = try DeliveryReportExporter(store: stores.store, settings: Self.settings).reports()
    }

    func resources(_ report: DeliveryReport, _ type: String) -> [JSONValue] {
        (report.bundle["entry"]?.arrayValue ?? []).compactMap { $0["resource"] }.filter { $0["resourceType"] == .string(type) }
    }

    @Test func thereIsOneReportPerDayWithChanges() {
        // The goal's second version takes effect the day this store recorded it (today).
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(reports.map(\.day.iso) == ["2025-02-01", "2025-02-15", "2025-09-01", "2025-10-01", today])
        #expect(Set(reports.map(\.citizen)).count == 1)
        // Named by day and bundle id: neither the CPR number (which the bundle holds) nor the pseudonym.
        #expect(reports.allSatisfy { $0.fileName.hasPrefix("DeliveryReport-") && !$0.fileName.contains("150385") && !$0.fileName.contains($0.citizen.rawValue) })
        #expect(Set(reports.map(\.fileName)).count == reports.count)
    }

    @Test func everyReportKeepsTheGuidesRules() {
        for report in reports {
            #expect(Conformance.klReporting().violations(report.bundle) == [], "\(report.fileName)")
        }
    }

    @Test func aThemeKeepsItsConditionIdWhileItsLevelChanges() throws {
        let shopping = "01770afa-cd17-41fe-a966-b8895e4d55d8"
        func condition(_ report: DeliveryReport) -> JSONValue? {
            resources(report, "Condition").first { $0["code"]?["coding"]?[0]?["code"] == .string(shopping) }
        }
        let first = try #require(condition(reports[0]))
        let later = try #require(condition(reports[2]))
        #expect(first["id"] == later["id"])
        #expect(first["severity"]?["coding"]?[0]?["code"] == .string(FunctionLevel.severe.klCode.rawValue))
        #expect(later["severity"]?["coding"]?[0]?["code"] == .string(FunctionLevel.moderate.klCode.rawValue))
        #expect(later["extension"]?[0]?["valueDateTime"] == .string("2025-09-01"))
        #expect(later["recordedDate"] == .string("2025-02-01"))
    }

    @Test func theFollowUpIsReportedWithItsStatusAndANewSupportEvaluation() throws {
        let report = reports[2]
        let followUp = try #require(resources(report, "Observation").first { $0["code"]?["coding"]?[0]?["code"] == .string("712744002") })
        #expect(followUp["valueCodeableConcept"]?["coding"]?[0]?["code"] == .string(FollowUpStatus.continue.klCode.rawValue))
        let plan = try #require(resources(report, "CarePlan").first { $0["meta"]?["profile"]?[0]?.stringValue?.hasSuffix("carePlan") == true })
        let outcome = try #require(plan["activity"]?[0]?["outcomeReference"]?[0]?["reference"]?.stringValue)
        let evaluation = try #require(resources(report, "Observation").first { "urn:uuid:" + ($0["id"]?.stringValue ?? "") == outcome })
        #expect(evaluation["valueCodeableConcept"]?["coding"]?[0]?["code"] == .string(SupportLevel.b.klCode.rawValue))
    }

    @Test func goalsCarryNoTextAndTheirReplacementsGetNewIds() throws {
        let goals = resources(reports[1], "Goal")
        #expect(goals.count == 2)
        #expect(goals.allSatisfy { $0["description"]?["text"] == nil && $0["description"]?["coding"]?[0]?["code"] == .string("410518001") })
    }

    @Test func reportsAreTheSameWhenExportedAgain() throws {
        let again = try DeliveryReportExporter(store: stores.store, settings: Self.settings).reports()
        #expect(again.map { $0.bundle.jsonString() } == reports.map { $0.bundle.jsonString() })
    }
}
