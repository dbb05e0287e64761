import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation
import Testing
@testable import FFBStore

/// Schema version 7 (issue 19): case closings, order endings and planned follow-ups. A version 6
/// store opens, migrates, keeps its records, and an order its follow-up ended stays ended; the new
/// tables are append-only like the others.
@Suite struct ClosingsMigrationTests {
    let path: String
    static let ended = "11111111-1111-4111-8111-111111111111"
    static let running = "22222222-2222-4222-8222-222222222222"

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-closings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("v6.sqlite").path
        var options = Database.Options()
        options.create = true
        let database = try Database(path: path, options: options)
        defer { database.close() }
        // Records written at version 4, chained into the audit trail by version 5, then version 6.
        try Schema.migrator(through: 4).migrate(database)
        let service = try #require(BuiltInCatalogs.standard.services.first?.code.rawValue)
        try database.executeScript("""
            INSERT INTO writes (id, at, user, command) VALUES (1, '2025-01-01T10:00:00.000Z', 'anna', 'citizen add'),
                (2, '2025-02-01T10:00:00.000Z', 'anna', 'order create'), (3, '2025-09-01T10:00:00.000Z', 'bo', 'followup record');
            INSERT INTO citizens (id, pseudonym, cpr, name, write_id) VALUES (1, 'P-7K3M9QRS', '0101901234', 'Mette Hansen', 1);
            INSERT INTO cases (id, case_number, citizen_id, opened, municipality_name, municipality_code, write_id)
                VALUES (1, 'S-1', 1, '2025-01-10', 'Aarhus', '0751', 2);
            INSERT INTO orders (id, citizen_id, case_id, provider_name, provider_id, support_level, issued, start, follow_up_date, write_id)
                VALUES ('\(Self.ended)', 1, 1, 'Bostøtten', 'SOR-1', 'C', '2025-02-01', '2025-02-01', '2025-08-01', 2),
                       ('\(Self.running)', 1, 1, 'Værestedet', 'SOR-2', 'B', '2025-02-01', '2025-02-01', NULL, 2);
            INSERT INTO order_services (order_id, position, service) VALUES ('\(Self.ended)', 0, '\(service)'), ('\(Self.running)', 0, '\(service)');
            INSERT INTO assessments (id, citizen_id, case_id, kind, date, assessor, write_id)
                VALUES ('33333333-3333-4333-8333-333333333333', 1, 1, 'follow-up', '2025-09-01', 'bo', 3);
            INSERT INTO follow_ups (id, order_id, assessment_id, date, support_level, status, write_id)
                VALUES ('44444444-4444-4444-8444-444444444444', '\(Self.ended)', '33333333-3333-4333-8333-333333333333', '2025-09-01', 'B', 'end', 3);
            """)
        try Schema.migrator(through: 6).migrate(database)
        #expect(try database.userVersion == 6)
    }

    func date(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    @Test func aVersion6StoreMigratesAndItsFollowUpEndStillEndsTheOrder() throws {
        let store = try Store.open(path: path, create: false)
        defer { store.close() }
        #expect(try store.database.userVersion == Schema.latestVersion)
        #expect(try store.check().problems == [])
        #expect(try store.database.firstRow("SELECT max(version) FROM store_seal")?.int(0) == Schema.latestVersion)
        let ended = try #require(UUID(uuidString: Self.ended)), running = try #require(UUID(uuidString: Self.running))
        #expect(try store.orderEnd(of: ended) == OrderEnd(date: try date("2025-09-01"), cause: .followUp(.end)))
        #expect(try store.orderEnd(of: running) == nil)
        #expect(try store.orderEnds() == [ended: OrderEnd(date: try date("2025-09-01"), cause: .followUp(.end))])
        #expect(try store.followUps(of: ended).map(\.value.nextFollowUp) == [nil])

        // The new records on the migrated store: an ending, then the case closed later; the
        // earliest end counts, and the ended order refuses a second end.
        try store.write(user: "anna", command: "order end") { try $0.endOrder(running, try Closing(date: try date("2025-10-01"), reason: "Flyttet")) }
        try store.write(user: "anna", command: "case close") { try $0.closeCase("S-1", try Closing(date: try date("2025-12-01"), reason: "Afsluttet")) }
        #expect(try store.orderEnds() == [
            ended: OrderEnd(date: try date("2025-09-01"), cause: .followUp(.end)),
            running: OrderEnd(date: try date("2025-10-01"), cause: .ended(reason: "Flyttet")),
        ])
        #expect(try store.caseClosings(of: try #require(Pseudonym("P-7K3M9QRS")))["S-1"]?.value.reason == "Afsluttet")

        for sql in ["UPDATE case_closings SET date = '2026-01-01'", "DELETE FROM case_closings", "UPDATE order_endings SET reason = 'x'",
                    "DELETE FROM order_endings", "INSERT OR REPLACE INTO order_endings (order_id, date, reason, write_id) VALUES ('\(Self.running)', '2025-11-01', 'x', 1)",
                    "INSERT OR REPLACE INTO case_closings (case_id, date, reason, write_id) VALUES (1, '2025-11-01', 'x', 1)"] {
            #expect(throws: SQLiteError.self, "\(sql)") { _ = try store.database.execute(sql) }
        }
        #expect(try store.check().problems == [])
    }
}
