import Foundation
import Testing
@testable import FFBSQLite

@Suite("Migrations bring a store up to date exactly once")
struct MigratorTests {
    static let v1 = Migration(version: 1, sql: "CREATE TABLE citizen (id INTEGER PRIMARY KEY, cpr TEXT NOT NULL UNIQUE);")
    static let v2 = Migration(version: 2) { database throws(SQLiteError) in
        try database.execute("CREATE TABLE catalogue (code TEXT PRIMARY KEY)")
        try database.execute("INSERT INTO catalogue (code) VALUES (?)", ["KL-1"])
    }
    static let v3 = Migration(version: 3, sql: """
        ALTER TABLE citizen ADD COLUMN name TEXT;
        CREATE INDEX citizen_name ON citizen (name);
        """)

    @Test("a new store runs every migration in order, and a second run does nothing")
    func appliesOnce() throws {
        try withTemporaryStore { path in
            let database = try createStore(at: path)
            let migrator = try Migrator([Self.v1, Self.v2, Self.v3])
            #expect(try migrator.currentVersion(of: database) == 0)
            #expect(try migrator.migrate(database) == [1, 2, 3])
            #expect(try migrator.currentVersion(of: database) == 3)
            let after = try database.logicalDump()
            #expect(try migrator.migrate(database) == [])
            #expect(try database.logicalDump() == after)
            #expect(try count("catalogue", in: database) == 1)
        }
    }

    @Test("an older store gets only the migrations it lacks")
    func resumesFromCurrentVersion() throws {
        try withTemporaryStore { path in
            let database = try createStore(at: path)
            #expect(try Migrator([Self.v1]).migrate(database) == [1])
            #expect(try Migrator([Self.v1, Self.v2, Self.v3]).migrate(database) == [2, 3])
            #expect(try database.userVersion == 3)
        }
    }

    @Test("a failing migration leaves the store at the last completed version")
    func failingMigrationRollsBack() throws {
        try withTemporaryStore { path in
            let database = try createStore(at: path)
            let broken = Migration(version: 2, sql: "CREATE TABLE catalogue (code TEXT); INSERT INTO nowhere VALUES (1);")
            #expect(throws: SQLiteError.self) { try Migrator([Self.v1, broken]).migrate(database) }
            #expect(try database.userVersion == 1)
            #expect(try database.query("SELECT name FROM sqlite_schema WHERE name = 'catalogue'").isEmpty)
        }
    }

    @Test("a store from a newer program is refused and left byte for byte unchanged")
    func schemaTooNewChangesNothing() throws {
        try withTemporaryStore { path in
            let writer = try createStore(at: path)
            try Migrator([Self.v1, Self.v2, Self.v3]).migrate(writer)
            try writer.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0101901234", "Anna"])
            writer.close()
            let bytesBefore = try Data(contentsOf: URL(fileURLWithPath: path))

            let database = try Database(path: path)
            let dumpBefore = try database.logicalDump()
            let error = #expect(throws: SQLiteError.self) { try Migrator([Self.v1, Self.v2]).migrate(database) }
            #expect(error?.kind == .schemaTooNew(found: 3, known: 2))
            #expect(try database.logicalDump() == dumpBefore)
            database.close()

            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytesBefore)
        }
    }

    @Test("migrations must be listed in strictly increasing version order")
    func invalidOrder() {
        let error = #expect(throws: SQLiteError.self) { try Migrator([Self.v2, Self.v1]) }
        #expect(error?.kind == .misuse("migration versions must be positive and strictly increasing; 1 follows 2"))
        #expect(throws: SQLiteError.self) { try Migrator([Migration(version: 0, sql: "")]) }
    }
}
