import Testing
@testable import FFBSQLite

@Suite("Diagnostics describe a store's health and content")
struct DiagnosticsTests {
    @Test("a sound store passes the integrity check")
    func integrityOK() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            try database.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0101901234", "Anna"])
            #expect(try database.integrityCheck() == ["ok"])
        }
    }

    @Test("the query plan names the index a lookup uses and the table a scan reads, nested steps indented")
    func queryPlan() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            #expect(try database.queryPlan("SELECT name FROM citizen WHERE cpr = ?") == ["SEARCH citizen USING INDEX sqlite_autoindex_citizen_1 (cpr=?)"])
            #expect(try database.queryPlan("SELECT id FROM citizen WHERE name = ?") == ["SCAN citizen"])
            let nested = try database.queryPlan("SELECT (SELECT max(level) FROM assessment a WHERE a.citizen_id = c.id) FROM citizen c")
            #expect(nested.map { $0.prefix { $0 == " " }.count } == [0, 0, 2], "\(nested)")
            #expect(nested.dropFirst().first == "CORRELATED SCALAR SUBQUERY 1")
        }
    }

    @Test("the statement observer sees every statement run or prepared, each time, and nothing once removed")
    func statementObserver() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            final class Seen { var sql: [String] = [] }
            let seen = Seen()
            database.statementObserver = { seen.sql.append($0) }
            try database.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0101901234", "Anna"])
            try database.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0202902345", "Bo"])
            _ = try database.query("SELECT name FROM citizen")
            _ = try database.prepare("SELECT cpr FROM citizen")
            try database.insertRows(into: "citizen", columns: ["cpr", "name"], values: ["0303903456", "Cai"])
            database.statementObserver = nil
            _ = try database.firstRow("SELECT count(*) FROM citizen")
            #expect(seen.sql == [
                "INSERT INTO citizen (cpr, name) VALUES (?, ?)", "INSERT INTO citizen (cpr, name) VALUES (?, ?)",
                "SELECT name FROM citizen", "SELECT cpr FROM citizen", "INSERT INTO citizen (cpr, name) VALUES (?, ?)",
            ])
        }
    }

    @Test("the logical dump lists version, schema and rows in a fixed order")
    func dumpContent() throws {
        let database = try Database.inMemory()
        try database.executeScript("""
            CREATE TABLE note (text TEXT UNIQUE, data BLOB, score REAL);
            CREATE TABLE code (key TEXT PRIMARY KEY, label TEXT) WITHOUT ROWID;
            INSERT INTO note VALUES ('it''s', x'00ff', 1.5), (NULL, NULL, NULL);
            INSERT INTO code VALUES ('b', 'Bee'), ('a', 'Ay');
            PRAGMA user_version = 7;
            """)
        #expect(try database.logicalDump() == """
            user_version 7
            schema index sqlite_autoindex_note_1 on note
            schema table code on code: CREATE TABLE code (key TEXT PRIMARY KEY, label TEXT) WITHOUT ROWID
            schema table note on note: CREATE TABLE note (text TEXT UNIQUE, data BLOB, score REAL)
            rows code
              ('a', 'Ay')
              ('b', 'Bee')
            rows note
              (1, 'it''s', X'00FF', 1.5)
              (2, NULL, NULL, NULL)

            """)
    }

    @Test("the dump changes when a row changes")
    func dumpTracksChanges() throws {
        let database = try Database.inMemory()
        try database.executeScript("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1);")
        let before = try database.logicalDump()
        try database.execute("UPDATE t SET n = 2")
        #expect(try database.logicalDump() != before)
    }
}
