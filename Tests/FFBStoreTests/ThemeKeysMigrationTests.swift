import FFBCatalog
import FFBModel
import FFBSQLite
import Foundation
import Testing
@testable import FFBStore

/// Schema version 4 rebuilds the two theme tables with integer series keys. A store written by
/// version 3 must come through with every entry, in the order it was given, and with the
/// append-only rules still in force.
@Suite struct ThemeKeysMigrationTests {
    let path: String

    init() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("v3.sqlite").path
    }

    /// A version 3 store as ffb 0.x wrote it: one citizen, two assessments, series with text ids
    /// whose order differs from the entries' order, and an unscored theme with a relevance.
    func makeVersion3Store(scored: [Theme], unscored: Theme) throws {
        var options = Database.Options()
        options.create = true
        let database = try Database(path: path, options: options)
        defer { database.close() }
        try Schema.migrator(through: 3).migrate(database)
        #expect(try database.userVersion == 3)
        let (a, b, c) = (scored[0].code.rawValue, scored[1].code.rawValue, unscored.code.rawValue)
        try database.executeScript("""
            BEGIN;
            INSERT INTO writes (id, at, user, command) VALUES (1, '2025-01-01T10:00:00.000Z', 'sb', 'assess'), (2, '2025-06-01T10:00:00.000Z', 'sb', 'follow-up');
            INSERT INTO citizens (id, pseudonym, cpr, name, write_id) VALUES (1, 'P-7K3M9QRS', '0101901234', 'Mette', 1);
            INSERT INTO assessments (id, citizen_id, case_id, kind, date, assessor, write_id) VALUES
                ('aaaaaaaa-0000-4000-8000-000000000001', 1, NULL, 'assessment', '2025-01-01', 'A', 1),
                ('aaaaaaaa-0000-4000-8000-000000000002', 1, NULL, 'assessment', '2025-06-01', 'A', 2);
            INSERT INTO theme_series (id, citizen_id, theme, write_id) VALUES
                ('ffffffff-0000-7000-8000-000000000001', 1, '\(c)', 1),
                ('00000000-0000-7000-8000-000000000002', 1, '\(b)', 1),
                ('88888888-0000-7000-8000-000000000003', 1, '\(a)', 1);
            INSERT INTO theme_observations (id, series_id, assessment_id, level, not_assessed, relevance, note, source, write_id) VALUES
                (1, '88888888-0000-7000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000001', 3, 0, NULL, 'needs help', 'borger', 1),
                (2, '00000000-0000-7000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000001', NULL, 1, NULL, NULL, NULL, 1),
                (3, 'ffffffff-0000-7000-8000-000000000001', 'aaaaaaaa-0000-4000-8000-000000000001', NULL, 0, 'relevant', 'pain', NULL, 1),
                (4, '00000000-0000-7000-8000-000000000002', 'aaaaaaaa-0000-4000-8000-000000000002', 1, 0, NULL, NULL, NULL, 2),
                (5, '88888888-0000-7000-8000-000000000003', 'aaaaaaaa-0000-4000-8000-000000000002', 2, 0, NULL, NULL, 'medarbejder', 2);
            COMMIT;
            """)
    }

    @Test func aVersion3StoreKeepsEveryEntryInItsOrder() throws {
        let catalog = BuiltInCatalogs.standard
        let scored = Array(catalog.themes.filter(\.scored).prefix(2))
        let unscored = try #require(catalog.themes.first { !$0.scored })
        try makeVersion3Store(scored: scored, unscored: unscored)

        let store = try Store.open(path: path, create: false)
        defer { store.close() }
        #expect(try store.database.userVersion == Schema.latestVersion)
        #expect(try store.integrityCheck() == ["ok"])
        // Version 5 chained the audit rows the old store had and sealed the schema.
        #expect(try store.check().problems == [])
        #expect(try store.database.query("PRAGMA foreign_key_check").isEmpty)

        let assessments = try store.assessments(of: try #require(Pseudonym("P-7K3M9QRS"))).map(\.value)
        #expect(assessments.count == 2)
        let first = assessments[0].entries
        #expect(first.map(\.theme) == [scored[0].code, scored[1].code, unscored.code])
        #expect(first.map(\.level) == [.assessed(.severe), .notAssessed, nil])
        #expect(first.map(\.note) == ["needs help", nil, "pain"])
        #expect(first.map(\.source) == [.citizen, nil, nil])
        #expect(first[2].finding == .relevance(.relevant))
        let second = assessments[1].entries
        #expect(second.map(\.theme) == [scored[1].code, scored[0].code])
        #expect(second.map(\.level) == [.assessed(.mild), .assessed(.moderate)])
        #expect(second.map(\.source) == [nil, .staffAlone])

        // Three series, one per theme, and each entry still belongs to its write.
        #expect(try store.database.firstRow("SELECT COUNT(*) FROM theme_series")?.int(0) == 3)
        #expect(try store.database.query("SELECT write_id FROM theme_observations ORDER BY assessment_id, position").map { try $0.int(0) } == [1, 1, 1, 2, 2])
    }

    @Test func theRebuiltTablesAreStillAppendOnly() throws {
        let catalog = BuiltInCatalogs.standard
        try makeVersion3Store(scored: Array(catalog.themes.filter(\.scored).prefix(2)), unscored: try #require(catalog.themes.first { !$0.scored }))
        let store = try Store.open(path: path, create: false)
        defer { store.close() }
        for table in ["theme_series", "theme_observations"] {
            #expect(throws: (any Error).self) { try store.database.execute("UPDATE \(table) SET write_id = 2") }
            #expect(throws: (any Error).self) { try store.database.execute("DELETE FROM \(table)") }
        }
        #expect(try store.database.firstRow("SELECT COUNT(*) FROM theme_observations")?.int(0) == 5)
    }

    @Test func anAssessmentAfterTheMigrationJoinsTheOldSeries() throws {
        let catalog = BuiltInCatalogs.standard
        let scored = Array(catalog.themes.filter(\.scored).prefix(2))
        try makeVersion3Store(scored: scored, unscored: try #require(catalog.themes.first { !$0.scored }))
        let store = try Store.open(path: path, create: false)
        defer { store.close() }
        let entry = try AssessmentEntry(theme: scored[0], level: .assessed(.none), note: nil, source: nil)
        let citizen = try #require(Pseudonym("P-7K3M9QRS"))
        try store.write(user: "t", command: "t") {
            try $0.record(try Assessment(citizen: citizen, caseNumber: nil, date: try #require(LocalDate(iso: "2025-12-01")), assessor: "A", entries: [entry]))
        }
        #expect(try store.database.firstRow("SELECT COUNT(*) FROM theme_series")?.int(0) == 3)
        #expect(try store.assessments(of: citizen).last?.value.entries.map(\.level) == [.assessed(.none)])
    }
}
