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
