import FFBCatalog
import FFBModel
import FFBStore
import FFBWorkflows
import Foundation
import Testing

/// The caseload at a glance, judged on a fixed day with the day counts worked out by hand.
@Suite struct CaseloadTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-caseload-\(UUID().uuidString)")

    static func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    /// Anna Berg (recorded by anna): A1 from 2025-01-01, planned 2025-07-01, never followed up;
    /// A2 from 2025-02-01, followed up 2025-08-01 with the next planned 2026-04-01.
    /// Bo Dahl (recorded by bo): B1 ended by a follow-up, B2 ended explicitly, B4's case closed
    /// 2026-02-15 (none of them runs on 2026-03-01); B3 followed up 2025-03-01 with nothing
    /// planned, its case to close 2026-04-01 (still running on 2026-03-01).
    struct Scenario {
        let store: any CaseStore
        var orders: [String: Order] = [:]
        var citizens: [String: Pseudonym] = [:]
    }

    func scenario() throws -> Scenario {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var scenario = Scenario(store: try CaseStores.open(directory.appendingPathComponent("s.sqlite").path, create: true))
        let store = scenario.store, catalog = store.catalog
        func order(_ citizen: Pseudonym, _ caseNumber: String, start: String, followUp: String?) throws -> Order {
            try Order(citizen: citizen, caseNumber: caseNumber, services: [catalog.services[0].code], offerType: nil, targetGroups: [],
                      provider: Organization(name: "Bostøtten", identifier: "SOR-1"), supportLevel: .assessed(.c),
                      issued: try Self.date(start), start: try Self.date(start), followUpDate: try followUp.map(Self.date), catalog: catalog)
        }
        func open(_ writer: any CaseStoreWriter, _ number: String, _ citizen: Pseudonym) throws {
            try writer.openCase(CaseFile(caseNumber: number, citizen: citizen, opened: try Self.date("2024-12-01"),
                                         municipality: Municipality(name: "Aarhus", code: "0751")))
        }
        try store.write(user: "anna", command: "setup") { writer in
            let anna = try writer.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Anna Berg").pseudonym
            try open(writer, "S-A", anna)
            let a1 = try order(anna, "S-A", start: "2025-01-01", followUp: "2025-07-01"), a2 = try order(anna, "S-A", start: "2025-02-01", followUp: "2025-05-01")
            try writer.createOrder(a1)
            try writer.createOrder(a2)
            try writer.record(try FollowUp(order: a2, date: try Self.date("2025-08-01"), entries: [], supportLevel: nil, goalNotes: [], status: .continue,
                                           author: "anna", nextFollowUp: try Self.date("2026-04-01")), citizen: anna, caseNumber: "S-A")
            scenario.citizens["anna"] = anna
            scenario.orders["A1"] = a1
            scenario.orders["A2"] = a2
        }
        try store.write(user: "bo", command: "setup") { writer in
            let bo = try writer.addCitizen(cpr: try CPRNumber("020290-2345"), name: "Bo Dahl").pseudonym
            for number in ["S-B", "S-B2", "S-B3"] { try open(writer, number, bo) }
            let b1 = try order(bo, "S-B", start: "2025-01-15", followUp: nil), b2 = try order(bo, "S-B", start: "2025-02-01", followUp: nil)
            let b3 = try order(bo, "S-B2", start: "2025-01-01", followUp: nil), b4 = try order(bo, "S-B3", start: "2025-01-01", followUp: "2025-06-01")
            for made in [b1, b2, b3, b4] { try writer.createOrder(made) }
            try writer.record(try FollowUp(order: b1, date: try Self.date("2025-06-01"), entries: [], supportLevel: nil, goalNotes: [], status: .end,
                                           author: "bo"), citizen: bo, caseNumber: "S-B")
            try writer.endOrder(b2.id, try Closing(date: try Self.date("2026-02-01"), reason: "Flyttet"))
            try writer.record(try FollowUp(order: b3, date: try Self.date("2025-03-01"), entries: [], supportLevel: nil, goalNotes: [], status: .continue,
                                           author: "bo"), citizen: bo, caseNumber: "S-B2")
            try writer.closeCase("S-B2", try Closing(date: try Self.date("2026-04-01"), reason: "Flytter"))
            try writer.closeCase("S-B3", try Closing(date: try Self.date("2026-02-15"), reason: "Død"))
            scenario.citizens["bo"] = bo
            scenario.orders["B3"] = b3
        }
        return scenario
    }

    /// (order, kind, due, days overdue) of each entry, orders by their scenario names.
    func rows(_ caseload: Caseload, _ scenario: Scenario) -> [String] {
        let names = Dictionary(scenario.orders.map { ($0.value.id, $0.key) }, uniquingKeysWith: { first, _ in first })
        return caseload.entries.map { "\(names[$0.order.id] ?? "?") \($0.due.kind.key) \($0.due.date) \($0.daysOverdue)" }
    }

    @Test func everyRunningOrderWithWhatIsOverdueMostOverdueCitizenFirst() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try scenario()
        defer { scenario.store.close() }
        let caseload = try Caseload.load(scenario.store, today: try Self.date("2026-03-01"), months: 12)
        // A1: 2025-07-01 → 2026-03-01 is 31+31+30+31+30+31+31+28 = 243 days; a year after its start,
        // 2026-01-01, is 31+28 = 59 days ago. A2's plan is 31 days ahead, its year 2026-08-01.
        // B3's year since 2025-03-01 falls due today: 0, not overdue.
        #expect(rows(caseload, scenario) == [
            "A1 planned-follow-up 2025-07-01 243", "A1 no-follow-up-12-months 2026-01-01 59", "A2 planned-follow-up 2026-04-01 -31",
            "B3 no-follow-up-12-months 2026-03-01 0",
        ])
        #expect(caseload.entries.map(\.isOverdue) == [true, true, false, false])
        #expect(caseload.entries.map(\.name) == ["Anna Berg", "Anna Berg", "Anna Berg", "Bo Dahl"])
        #expect(caseload.entries.map(\.caseworker) == ["anna", "anna", "anna", "bo"])
        #expect(caseload.entries[2].schedule.lastFollowUp == (try Self.date("2025-08-01")))

        // The day B3's case closes it no longer runs; the day after its year it is overdue.
        #expect(rows(try Caseload.load(scenario.store, today: try Self.date("2026-03-02"), months: 12, caseworker: "bo"), scenario)
                == ["B3 no-follow-up-12-months 2026-03-01 1"])
        #expect(try Caseload.load(scenario.store, today: try Self.date("2026-04-01"), months: 12, caseworker: "bo").entries.isEmpty)
        #expect(try Caseload.load(scenario.store, today: try Self.date("2026-03-01"), months: 12, caseworker: "nobody").entries.isEmpty)
        #expect(rows(try Caseload.load(scenario.store, today: try Self.date("2026-03-01"), months: 12, onlyOverdue: true), scenario)
                == ["A1 planned-follow-up 2025-07-01 243", "A1 no-follow-up-12-months 2026-01-01 59"])
    }

    /// Judged on a day before a follow-up, the caseload does not know it yet: A2's 2025-08-01
    /// follow-up is in the future on 2025-07-15, so its own planned date 2025-05-01 is overdue
    /// (31 + 30 + 14 = 75 days: May, June, then 14 days of July).
    @Test func aFollowUpAfterTheDayJudgedIsNotKnownYet() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try scenario()
        defer { scenario.store.close() }
        let caseload = try Caseload.load(scenario.store, today: try Self.date("2025-07-15"), months: 12, caseworker: "anna")
        #expect(rows(caseload, scenario).contains("A2 planned-follow-up 2025-05-01 75"))
        #expect(caseload.entries.first { $0.order.id == scenario.orders["A2"]?.id }?.schedule.lastFollowUp == nil)
    }

    @Test func theMonthsAreASetting() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let scenario = try scenario()
        defer { scenario.store.close() }
        // Six months: A2's 2026-02-01 is 28 days ago; B3's 2025-09-01 is 30+31+30+31+31+28 = 181.
        let caseload = try Caseload.load(scenario.store, today: try Self.date("2026-03-01"), months: 6)
        #expect(rows(caseload, scenario).filter { !$0.hasPrefix("A1") } == ["A2 no-follow-up-6-months 2026-02-01 28", "B3 no-follow-up-6-months 2025-09-01 181"])
    }

    @Test func aScheduleTakesTheLatestFollowUpsPlanOrTheOrdersOwnDate() throws {
        let catalog = BuiltInCatalogs.standard
        let order = try Order(citizen: try #require(Pseudonym("P-7K3M9QRS")), caseNumber: "S-1", services: [catalog.services[0].code], offerType: nil,
                              targetGroups: [], provider: Organization(name: "B", identifier: "1"), supportLevel: .assessed(.c),
                              issued: try Self.date("2025-01-31"), start: try Self.date("2025-01-31"), followUpDate: try Self.date("2025-06-01"),
                              catalog: catalog)
        let none = FollowUpSchedule(order: order, followUps: [], months: 1)
        let (june, february) = (try Self.date("2025-06-01"), try Self.date("2025-02-28"))
        #expect(none.planned == june && none.quietDue == february && none.lastFollowUp == nil)
        let planned = FollowUpSchedule(order: order, followUps: [
            FollowUpOutcome(date: try Self.date("2025-05-01"), supportLevel: nil, status: .continue, nextFollowUp: try Self.date("2025-11-01")),
        ], months: 12)
        let (november, may) = (try Self.date("2025-11-01"), try Self.date("2026-05-01"))
        #expect(planned.planned == november && planned.quietDue == may)
        // The latest follow-up planned nothing: nothing is planned, whatever came before.
        let unplanned = FollowUpSchedule(order: order, followUps: [
            FollowUpOutcome(date: try Self.date("2025-05-01"), supportLevel: nil, status: .continue, nextFollowUp: try Self.date("2025-11-01")),
            FollowUpOutcome(date: try Self.date("2025-10-01"), supportLevel: nil, status: .continue),
        ], months: 12)
        #expect(unplanned.planned == nil && unplanned.dues.map(\.kind) == [.quiet(months: 12)])
        let late = try Self.date("2026-10-02")
        #expect(unplanned.attention(on: late).map { $0.daysOverdue(on: late) } == [1])
    }

    @Test func aCitizenIsFoundByAnyPartOfAnyNameTheyHaveHadIgnoringCaseAndAccents() throws {
        func names(_ pseudonym: String, _ names: String...) throws -> CitizenNames {
            CitizenNames(pseudonym: try #require(Pseudonym(pseudonym)), names: names, registered: "2025-01-01T00:00:00Z")
        }
        let citizens = [
            try names("P-7K3M9QRS", "Søren Ibsen"), try names("P-8K3M9QRS", "Ida Sørensen"), try names("P-9K3M9QRS", "Åse Holm"),
            try names("P-AK3M9QRS", "Mette Hansen", "Mette Holm"),
        ]
        func found(_ text: String) -> [String] { CitizenSearch.find(text, in: citizens).map(\.citizen.current) }
        #expect(found("soren") == ["Søren Ibsen", "Ida Sørensen"])
        #expect(found("SØREN ibsen") == ["Søren Ibsen"])
        #expect(found("aase") == ["Åse Holm"])
        #expect(found("ase h") == ["Åse Holm"])
        #expect(found("holm") == ["Åse Holm", "Mette Holm"])
        #expect(found("hansen mette") == ["Mette Holm"])
        #expect(CitizenSearch.find("hansen", in: citizens).map(\.matchedName) == ["Mette Hansen"])
        #expect(found("P-9K3") == ["Åse Holm"])
        #expect(found("   ").isEmpty && found("xyz").isEmpty)
    }
}
