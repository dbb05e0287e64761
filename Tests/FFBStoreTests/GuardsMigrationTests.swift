import FFBModel
import FFBSQLite
import Foundation
import Testing
@testable import FFBStore

/// Schema version 5 (the store's guards) on a store the released ffb wrote at version 4:
/// `Fixtures/schema4-store.sqlite` was made with the ffb of commit 9c2de38 (one citizen, a case,
/// an assessment, an order with a goal, the same follow-up recorded twice as that ffb allowed,
/// twenty tariffs; eight audit rows).
@Suite struct GuardsMigrationTests {
    let path: String

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-guards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("store.sqlite").path
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/schema4-store.sqlite")
        try FileManager.default.copyItem(at: fixture, to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o600) == 0)
    }

    func count(_ table: String, in store: Store) throws -> Int {
        try store.database.firstRow("SELECT count(*) FROM \(table)")?.int(0) ?? -1
    }

    @Test func aReleasedVersion4StoreMigratesToTheSchemaAFreshStoreHasWithItsAuditRowsChained() throws {
        let store = try Store.open(path: path, create: false)
        defer { store.close() }
        #expect(try store.database.userVersion == Schema.latestVersion)
        // The schema check every write makes passes: the migrated store has exactly the schema a
        // fresh store has (so no migration text may ever change), and every audit row is chained.
        let report = try store.check()
        #expect(report.problems == [])
        #expect(report.findings.last?.detail.hasPrefix("8 writes, last ") == true)
        #expect(try store.database.query("SELECT hash FROM writes WHERE hash IS NULL OR length(hash) != 64").isEmpty)
        // Nothing was lost, the old duplicate follow-up included (append-only: it stays).
        #expect(try count("citizens", in: store) == 1)
        #expect(try count("follow_ups", in: store) == 2)
        #expect(try count("tariffs", in: store) == 20)
        #expect(try count("theme_observations", in: store) == 4)
    }

    @Test func theSameFollowUpAgainOnAMigratedStoreIsAlreadyRecorded() throws {
        let store = try Store.open(path: path, create: false)
        defer { store.close() }
        let order = try store.orders().first!.value
        let theme = try #require(store.catalog.themes.first { $0.name == "Købe ind" })
        let again = try FollowUp(order: order, date: LocalDate(iso: "2025-06-01")!,
                                 entries: [AssessmentEntry(theme: theme, level: .assessed(.moderate), relevance: nil, note: nil, source: nil)],
                                 supportLevel: nil, goalNotes: [], status: .continue, author: "anna")
        let dumpBefore = try store.logicalDump()
        #expect {
            try store.write(user: "anna", command: "test") { writer in try writer.record(again, citizen: order.citizen, caseNumber: order.caseNumber) }
        } throws: { error in
            guard case StoreError.alreadyRecorded(let message) = error else { return false }
            return message.contains("already records this for order \(order.id.storeText) on 2025-06-01")
        }
        #expect(try store.logicalDump() == dumpBefore)
    }
}
