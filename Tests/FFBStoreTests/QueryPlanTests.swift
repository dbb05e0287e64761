import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation
import Testing
@testable import FFBStore

/// Every lookup the store makes goes through an index (issue 17). A small store is written and
/// read through every operation of `Store` and `StoreWriter`, every SQL text the connection runs
/// is recorded, and SQLite's plan for each (`EXPLAIN QUERY PLAN`) must not read a table that grows
/// with the store from end to end: no `SCAN` of it (with or without an index: `SCAN … USING
/// COVERING INDEX` still visits every entry) and no automatic index built on it per query. Reads
/// that must visit every row by design are listed in `wholeTableReads`, each with its reason.
// SQLite's query planner (EXPLAIN QUERY PLAN); the server plans its own way.
@Suite(.storeFile) struct QueryPlanTests {
    /// Reads that visit every row of a table because that is what they are for, by a fragment of
    /// their SQL.
    static let wholeTableReads: [(sql: String, reason: String)] = [
        ("FROM citizens c JOIN writes w ON w.id = c.write_id ORDER BY c.id", "citizens() lists every citizen"),
        ("WHERE 1 = 1 ORDER BY o.rowid", "orders(of: nil) and forEachOrder read every order in one pass"),
        ("order_id, position FROM order_services", "orders(of: nil) reads every order's services in one pass"),
        ("order_id, position FROM order_target_groups", "orders(of: nil) reads every order's target groups in one pass"),
        ("goal_id, position FROM goal_secondary_themes", "currentGoalsByOrder() reads every goal's secondary themes in one pass"),
        ("g.follow_up_date FROM goals g ORDER BY g.rowid", "currentGoalsByOrder() reads every goal version in one pass (whole-store statistics)"),
        ("p.next_date, f.write_id, f.rowid", "followUpOutcomesByOrder() reads every follow-up in one pass (whole-store statistics)"),
        ("SELECT id, pseudonym FROM citizens ORDER BY id", "forEachCitizenLevels calls its body for every citizen"),
        ("SELECT id, theme FROM theme_series ORDER BY id", "forEachCitizenLevels maps every theme series to its theme once, not per entry"),
        ("SELECT rowid, citizen_id, date FROM assessments", "forEachCitizenLevels reads every assessment's citizen and date in table order"),
        ("SELECT id, rowid FROM assessments ORDER BY id", "forEachCitizenLevels merges every assessment with its entries, in id order from the id index"),
        ("SELECT a.rowid, a.write_id, a.citizen_id, c.pseudonym, k.case_number, a.date, o.position, s.theme", "assessmentThemesByCitizen reads every assessment's themes in one pass (whole-store order listing)"),
        ("FROM tariffs ORDER BY provider, support_level, valid_from",
         "tariffs() lists every tariff, and addTariffs compares new periods with the stored ones in memory; tariffs grow with providers, not citizens"),
        ("FROM exchange_documents ORDER BY rowid", "importedDocuments() lists every imported document"),
        ("SELECT id, at, \"user\", command, hash FROM writes ORDER BY id", "check() walks the whole audit hash chain"),
        ("SELECT case_number, municipality_name, municipality_code FROM cases ORDER BY id", "caseMunicipalities() reads every case's municipality in one pass (statistics by municipality)"),
        ("ORDER BY order_id, date, seq", "orderEnds() reads every order's ends in one pass (list orders, the caseload, whole-store statistics)"),
        ("ORDER BY c.id, k.version", "citizenNames() reads every citizen's names in one pass (citizen search)"),
        ("GROUP BY citizen_id", "caseworkers() finds every citizen's newest assessment and order in one pass (the caseload)"),
        ("WHERE 1 = 1 ORDER BY f.order_id", "followUps(ofCitizen: nil) lists every follow-up"),
        ("follow_up_id, rowid FROM follow_up_goal_notes", "followUps(ofCitizen: nil) reads every follow-up's goal notes in one pass"),
        ("SELECT case_number, opened FROM cases WHERE opened > ?", "implausibleRecords() judges every case (ffb check)"),
        ("WHERE a.kind = 'assessment' AND (a.date > ?1 OR a.date < k.opened)", "implausibleRecords() judges every assessment (ffb check)"),
        ("WHERE (o.issued > ?1 OR o.issued < k.opened)", "implausibleRecords() judges every order (ffb check)"),
        ("SELECT f.id, f.date, o.id, o.start FROM follow_ups f JOIN orders o ON o.id = f.order_id", "implausibleRecords() judges every follow-up (ffb check)"),
        ("FROM goals g JOIN orders o ON o.id = g.order_id\nWHERE g.version = (SELECT max(v.version)", "implausibleRecords() judges every current goal, each goal's levels then by index (ffb check)"),
        ("FROM citizens c LEFT JOIN cases k ON k.citizen_id = c.id", "implausibleRecords() judges every citizen's birth date, and every case against it (ffb check)"),
        ("SELECT _rowid_, * FROM ", "logicalDump() renders every row of every table"),
        ("SELECT * FROM \"", "logicalDump() renders every row of every WITHOUT ROWID table"),
    ]

    let store: Store

    init() throws {
        store = try freshStore("ffb-plans").store
    }

    @Test func everyQueryTheStoreIssuesFindsItsRowsThroughAnIndex() throws {
        // The levels pass scans the entries on a connection of its own, which the recorder does not see.
        let issued = try recordingStatements { try StoreWorkout(store: store).run() }.union([EntryGroups.sql, EntryGroups.openEndedSQL])
        #expect(issued.count > 60, "the workout issued only \(issued.count) SQL texts; is the recorder attached?")
        let growing = try growingTables()
        let planner = try self.planner()
        var scans: [String] = []
        var allowancesUsed = Set<String>()
        for sql in issued.sorted() {
            for line in try planner.queryPlan(sql) {
                guard let table = Self.fullRead(line, of: sql, among: growing) else { continue }
                if let allowance = Self.wholeTableReads.first(where: { sql.contains($0.sql) }) {
                    allowancesUsed.insert(allowance.sql)
                    continue
                }
                scans.append("\(table) is read in full by\n\(sql)\nplan: \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(scans.isEmpty, "\(scans.count) queries read a growing table in full:\n\n\(scans.joined(separator: "\n\n"))")
        for allowance in Self.wholeTableReads where !allowancesUsed.contains(allowance.sql) {
            Issue.record("no query read a table in full through the allowance \"\(allowance.sql)\" (\(allowance.reason)); remove it")
        }
    }

    /// The append-only key triggers look each new row's keys up before every insert.
    @Test func everyAppendOnlyKeyTriggerLooksItsKeyUpThroughAnIndex() throws {
        let growing = try growingTables()
        let planner = try self.planner()
        for (table, key, when) in Schema.appendOnlyKeys + Schema.keptKeys + Schema.closingsKeys {
            let sql = "SELECT 1 FROM \(table) WHERE " + (key.map { "\($0) = ?" } + (when.map { [$0] } ?? [])).joined(separator: " AND ")
            let plan = try planner.queryPlan(sql)
            #expect(plan.allSatisfy { Self.fullRead($0, of: sql, among: growing) == nil }, "\(sql)\nplan: \(plan)")
        }
    }

    /// A plan that reads all of a table is what the test above exists to catch.
    @Test func aScanOfAGrowingTableIsSeenThroughItsAlias() throws {
        let growing = try growingTables()
        let sql = "SELECT k.id FROM cases k JOIN citizens c ON c.id = k.citizen_id WHERE k.opened = ?"
        let plan = try planner().queryPlan(sql)
        #expect(plan.compactMap { Self.fullRead($0, of: sql, among: growing) } == ["cases"], "\(plan)")
    }

    /// A second connection to the store that plans without foreign-key enforcement. With it, the
    /// plan of an INSERT into a table others reference lists a scan of each referencing table
    /// (`INSERT INTO writes` scans `cases` for `cases.write_id`): code that runs only while a
    /// statement has a foreign-key violation pending, which this store's immediate constraints
    /// never leave. The lookup enforcement does make, a new row's parent by its key, goes through
    /// the parent's primary key or a unique index, as SQLite requires of every reference.
    func planner() throws -> Database {
        var options = Database.Options()
        options.readOnly = true
        let database = try Database(path: store.path, options: options)
        try database.execute("PRAGMA foreign_keys = OFF")
        return database
    }

    /// Every table but the schema seal (one row per schema version) grows with the store.
    func growingTables() throws -> Set<String> {
        Set(try store.database.query("SELECT name FROM sqlite_schema WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_'")
            .map { try $0.string(0) }).subtracting(["store_seal"])
    }

    /// Runs `body` with every SQL text the store's connection runs recorded.
    func recordingStatements(_ body: () throws -> Void) throws -> Set<String> {
        final class Recorder { var sql = Set<String>() }
        let recorder = Recorder()
        store.database.statementObserver = { recorder.sql.insert($0) }
        defer { store.database.statementObserver = nil }
        try body()
        return recorder.sql
    }

    /// The growing table a plan line reads in full, if any: "SCAN k" for `FROM cases k`, an
    /// automatic index or a Bloom filter (each built from the whole table, every time it runs).
    static func fullRead(_ line: String, of sql: String, among growing: Set<String>) -> String? {
        let words = line.split(separator: " ").map(String.init)
        let name: String
        switch words.first {
        case "SCAN" where words.count > 1: name = words[1]
        case "SEARCH" where words.count > 1 && line.contains(" AUTOMATIC "): name = words[1]
        case "BLOOM" where words.count > 3: name = words[3]
        default: return nil
        }
        let table = aliases(in: sql)[name] ?? name
        return growing.contains(table) ? table : nil
    }

    /// Table names by the alias the SQL gives them (`FROM cases k` maps "k" to "cases").
    static func aliases(in sql: String) -> [String: String] {
        let keywords: Set<String> = ["WHERE", "JOIN", "LEFT", "INNER", "CROSS", "ON", "ORDER", "GROUP", "LIMIT", "USING", "NATURAL"]
        var aliases: [String: String] = [:]
        for match in sql.matches(of: /(?i)\b(?:FROM|JOIN)\s+"?(\w+)"?(?:\s+(?:AS\s+)?(\w+))?/) {
            guard let alias = match.output.2.map(String.init), !keywords.contains(alias.uppercased()) else { continue }
            aliases[alias] = String(match.output.1)
        }
        return aliases
    }
}

/// Every read and write the store offers, on a small store: two citizens, cases, assessments,
/// an order with goals and follow-ups, tariffs, an imported document, warnings and records
/// entered in error, including the refusals (a duplicate follow-up, a second mark).
struct StoreWorkout {
    let store: Store
    var catalog: Catalog { store.catalog }

    func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    func entries(_ names: [String], level: FunctionLevel) throws -> [AssessmentEntry] {
        try names.map { try AssessmentEntry(theme: try catalog.resolveTheme($0), level: .assessed(level), note: nil, source: .citizen) }
    }

    func run() throws {
        let (citizen, order, goal) = try writeRecords()
        let revised = try writeCorrections(citizen: citizen, order: order, goal: goal)
        try read(citizen: citizen, order: order, goal: revised)
        try keep(citizen: citizen, order: order)
        try close(citizen: citizen)
    }

    /// A second case and order, a planned follow-up, an order ended and a case closed (issue 19),
    /// with the refusals, and the reads of ends, names and caseworkers.
    func close(citizen: Citizen) throws {
        let order = try Order(citizen: citizen.pseudonym, caseNumber: "S-2", services: [catalog.services[0].code], offerType: nil, targetGroups: [],
                              provider: try Organization(name: "Værestedet", identifier: "456"), supportLevel: .assessed(.b),
                              issued: try date("2025-03-01"), start: try date("2025-03-01"), catalog: catalog)
        try store.write(user: "t", command: "order") { writer in
            try writer.openCase(try CaseFile(caseNumber: "S-2", citizen: citizen.pseudonym, opened: try date("2025-03-01"),
                                             municipality: try Municipality(name: "Aarhus", code: "0751")))
            try writer.createOrder(order)
            try writer.record(try FollowUp(order: order, date: try date("2025-06-01"), entries: [], supportLevel: nil, goalNotes: [], status: .continue,
                                           author: "A", nextFollowUp: try date("2025-12-01")), citizen: citizen.pseudonym, caseNumber: "S-2")
        }
        try store.write(user: "t", command: "order end") { writer in
            #expect(try writer.orderEnd(of: order.id) == nil)
            try writer.endOrder(order.id, try Closing(date: try date("2025-07-01"), reason: "Flyttet"))
        }
        #expect(throws: StoreError.self) {
            try store.write(user: "t", command: "order end") { try $0.endOrder(order.id, try Closing(date: try date("2025-08-01"), reason: "igen")) }
        }
        try store.write(user: "t", command: "case close") { try $0.closeCase("S-1", try Closing(date: try date("2025-12-01"), reason: "Afsluttet")) }
        #expect(throws: StoreError.self) {
            try store.write(user: "t", command: "case close") { try $0.closeCase("S-1", try Closing(date: try date("2025-12-02"), reason: "igen")) }
        }
        #expect(try store.orderEnds().count == 2)
        #expect(try store.caseMunicipalities().count >= 1)
        #expect(try store.orderEnds(of: citizen.pseudonym)[order.id]?.date == date("2025-07-01"))
        #expect(try store.orderEnd(of: order.id)?.cause == .ended(reason: "Flyttet"))
        #expect(try store.caseClosings(of: citizen.pseudonym)["S-1"] != nil)
        #expect(try store.citizenNames().count == 2)
        #expect(try store.caseworkers()[citizen.pseudonym] == "t")
        #expect(try store.followUps(ofCitizen: citizen.pseudonym).count == 3)
        #expect(try store.followUps(ofCitizen: nil).count == 3)
    }

    /// Contact versions, order details and a kept message (issue 18), written twice and read back.
    func keep(citizen: Citizen, order: Order) throws {
        for phone in ["11 22 33 44", "55 66 77 88"] {
            try store.write(user: "t", command: "citizen update") { writer in
                try writer.recordContact(CitizenContact(name: "Mette", phone: phone, address: nil), of: citizen.pseudonym)
                try writer.recordDetails(OrderDetails(purpose: "Klarer sig", payerAccount: phone), of: order.id)
            }
        }
        try store.write(user: "t", command: "import") { writer in
            try writer.keepMessage(StoredMessage(documentID: "m", bytes: [1], resources: [.init(role: "order", fullUrl: nil, json: "{}")]), of: order.id)
        }
        #expect(try store.contact(of: citizen.pseudonym)?.value.phone == "55 66 77 88")
        #expect(try store.contacts(of: citizen.pseudonym).count == 2)
        #expect(try store.details(of: order.id)?.payerAccount == "55 66 77 88")
        #expect(try store.keptMessage(of: order.id)?.resources.count == 1)
    }

    func writeRecords() throws -> (Citizen, Order, Goal) {
        try store.write(user: "t", command: "setup") { writer in
            // A citizen registered and assessed in one write: the writer answers from memory.
            let other = try writer.addCitizen(cpr: try CPRNumber("020290-1234"), name: "Bo")
            try writer.record(try Assessment(citizen: other.pseudonym, caseNumber: nil, date: try date("2025-01-01"), assessor: "A",
                                             entries: try entries(["Købe ind"], level: .severe)))
        }
        let citizen = try store.write(user: "t", command: "citizen") { try $0.addCitizen(cpr: try CPRNumber("010190-1234"), name: "Mette") }
        let caseFile = try CaseFile(caseNumber: "S-1", citizen: citizen.pseudonym, opened: try date("2025-01-01"),
                                    municipality: try Municipality(name: "Aarhus", code: "0751"))
        let order = try Order(
            citizen: citizen.pseudonym, caseNumber: "S-1", services: [catalog.services[0].code], offerType: catalog.offerTypes.first?.code,
            targetGroups: catalog.targetGroups.prefix(2).enumerated().map { TargetGroupAssignment(code: $1.code, isPrimary: $0 == 0) },
            provider: try Organization(name: "Bostøtten", identifier: "123"), payer: try Organization(name: "Aarhus", identifier: "0751"),
            supportLevel: .assessed(.c), issued: try date("2025-02-01"), start: try date("2025-02-01"), followUpDate: try date("2025-08-01"),
            catalog: catalog
        )
        let goal = try Goal(orderID: order.id, primaryTheme: try catalog.resolveTheme("Købe ind"), secondaryThemes: [try catalog.resolveTheme("Lave mad")],
                            type: .develop, expectedLevel: .mild, description: "Handler selv", followUpDate: try date("2025-08-01"))
        try store.write(user: "t", command: "records") { writer in
            try writer.openCase(caseFile)
            // A citizen of an earlier write: the writer asks the store for the citizen, case and series.
            try writer.record(try Assessment(citizen: citizen.pseudonym, caseNumber: "S-1", date: try date("2025-01-15"), assessor: "A",
                                             entries: try entries(["Købe ind", "Lave mad"], level: .severe)))
            try writer.createOrder(order)
            try writer.addGoal(goal)
            try writer.addTariffs([Tariff(provider: "Bostøtten", supportLevel: .c, dailyRateOre: 50_000, validFrom: try date("2025-01-01"), validTo: nil)])
            try writer.recordWarning("a warning kept with the write")
            try writer.recordWarning("a second warning")
            try writer.recordImportedDocument(ImportedDocument(id: "doc-1", kind: "order", syntax: "native", contentHash: "abc"))
        }
        try store.write(user: "t", command: "assessment") { writer in
            try writer.record(try Assessment(citizen: citizen.pseudonym, caseNumber: "S-1", date: try date("2025-01-20"), assessor: "A",
                                             entries: try entries(["Købe ind", "Vaske tøj"], level: .moderate)))
        }
        return (citizen, order, goal)
    }

    /// Follow-ups (the same one again, another one the same day, one that supersedes), a revised
    /// goal, entered-in-error marks and every lookup a writer offers.
    func writeCorrections(citizen: Citizen, order: Order, goal: Goal) throws -> Goal {
        let followUp = try FollowUp(order: order, date: try date("2025-08-01"), entries: try entries(["Købe ind"], level: .moderate),
                                    supportLevel: .assessed(.b), goalNotes: [.init(goalSeriesID: goal.seriesID, note: "Godt på vej")],
                                    status: .continue, author: "A")
        try store.write(user: "t", command: "follow-up") { try $0.record(followUp, citizen: citizen.pseudonym, caseNumber: "S-1") }
        let again = try FollowUp(order: order, date: followUp.date, entries: followUp.entries, supportLevel: followUp.supportLevel,
                                 goalNotes: followUp.goalNotes, status: .continue, author: "B")
        #expect(throws: StoreError.self) {
            try store.write(user: "t", command: "again") { try $0.record(again, citizen: citizen.pseudonym, caseNumber: "S-1") }
        }
        let replacement = try FollowUp(order: order, date: followUp.date, entries: try entries(["Købe ind"], level: .mild),
                                       supportLevel: .assessed(.b), goalNotes: [], status: .end, author: "A", supersedes: followUp.id)
        let revised = try goal.revised(primaryTheme: try catalog.resolveTheme("Købe ind"), secondaryThemes: [], expectedLevel: .none)
        try store.write(user: "t", command: "corrections") { writer in
            try writer.record(replacement, citizen: citizen.pseudonym, caseNumber: "S-1")
            try writer.addGoal(revised)
            #expect(try writer.citizen(cpr: citizen.cpr)?.pseudonym == citizen.pseudonym)
            #expect(try writer.caseFile(number: "S-1")?.citizen == citizen.pseudonym)
            for kind in RecordKind.allCases {
                _ = try writer.contains(kind, id: UUID())
                _ = try writer.enteredInErrorReason(kind, id: UUID())
            }
            #expect(try writer.currentGoalVersion(series: goal.seriesID)?.version == 2)
            #expect(try writer.importedDocument(id: "doc-1")?.contentHash == "abc")
            try writer.reserveCache(megabytes: 4)
            let assessment = try #require(try store.assessments(of: citizen.pseudonym).first)
            try writer.markEnteredInError(kind: .assessment, id: assessment.value.id.storeText, reason: "wrong citizen")
        }
        #expect(throws: StoreError.self) {
            try store.write(user: "t", command: "mark twice") { writer in
                try writer.markEnteredInError(kind: .followUp, id: followUp.id.storeText, reason: "again")
            }
        }
        #expect(throws: StoreError.self) {
            try store.write(user: "t", command: "supersede again") { writer in
                let late = try FollowUp(order: order, date: try date("2025-09-01"), entries: [], supportLevel: nil, goalNotes: [],
                                        status: .continue, author: "A", supersedes: followUp.id)
                try writer.record(late, citizen: citizen.pseudonym, caseNumber: "S-1")
            }
        }
        return revised
    }

    func read(citizen: Citizen, order: Order, goal: Goal) throws {
        #expect(try store.citizen(citizen.pseudonym.rawValue).name == "Mette")
        #expect(try store.citizen("010190-1234").pseudonym == citizen.pseudonym)
        #expect(try store.citizens().count == 2)
        var levelCitizens: [Pseudonym] = []
        try store.forEachCitizenLevels { citizen, _ in levelCitizens.append(citizen) }
        // The pass reads its pieces on connections of their own: read each here too, so their SQL
        // is traced (the entries in key ranges: through the primary key, not a full scan).
        for index in 0..<LevelPiece.count { _ = try LevelPiece.read(index, store.database, catalog: store.catalog, progress: .none) }
        #expect(levelCitizens.contains(citizen.pseudonym))
        let themes = try store.assessmentThemesByCitizen()[citizen.pseudonym]
        let expected = try store.assessments(of: citizen.pseudonym).filter { $0.enteredInError == nil && $0.value.kind == .assessment }.map {
            AssessmentThemes(caseNumber: $0.value.caseNumber, date: $0.value.date, themes: $0.value.entries.map(\.theme))
        }
        #expect(themes == expected)
        #expect(themes?.isEmpty == false)
        // The latest level per theme agrees with the citizen's records read one by one.
        var latest: [KLCode: LatestLevel] = [:]
        for stored in try store.assessments(of: citizen.pseudonym) where stored.enteredInError == nil {
            for entry in stored.value.entries { if let level = entry.level { latest[entry.theme] = LatestLevel(level: level, date: stored.value.date) } }
        }
        #expect(try store.latestLevels(of: citizen.pseudonym) == latest)
        #expect(!latest.isEmpty)
        #expect(try store.currentGoalsByOrder()[order.id]?.map(\.id) == store.goals(of: order.id).currentVersions.map(\.id))
        #expect(try store.followUpOutcomesByOrder()[order.id] == store.followUps(of: order.id).filter { $0.enteredInError == nil }.map {
            FollowUpOutcome(date: $0.value.date, supportLevel: $0.value.supportLevel, status: $0.value.status)
        })
        #expect(try store.cases(of: citizen.pseudonym).count == 1)
        #expect(try store.caseFile("S-1").citizen == citizen.pseudonym)
        let assessments = try store.assessments(of: citizen.pseudonym)
        #expect(assessments.count == 4)
        #expect(try store.assessment(id: assessments[0].value.id) != nil)
        let prefix = String(order.id.storeText.prefix(8))
        #expect(try store.order(prefix).value.id == order.id)
        #expect(try store.orders(of: nil).count == 1)
        #expect(try store.orders(of: citizen.pseudonym).count == 1)
        #expect(try store.goals(of: order.id).count == 2)
        #expect(try store.goal(goal.id.storeText).value.version == 2)
        #expect(try store.currentGoal(series: goal.seriesID)?.value.id == goal.id)
        let followUps = try store.followUps(of: order.id)
        #expect(followUps.count == 2)
        #expect(try store.followUp(id: followUps[0].value.id)?.levels != nil)
        for kind in RecordKind.allCases {
            #expect(throws: StoreError.self) { try store.resolveID("00000000", kind: kind) }
        }
        #expect(try store.tariffs().count == 1)
        #expect(try store.importedDocuments().count == 1)
        #expect(try store.warnings(ofWrites: [3]).values.flatMap { $0 }.count == 2)
        #expect(try store.check().problems == [])
        _ = try store.implausibleRecords(today: try date("2026-01-01"), language: .en)
        #expect(try store.integrityCheck() == ["ok"])
        _ = try store.logicalDump()
    }
}
