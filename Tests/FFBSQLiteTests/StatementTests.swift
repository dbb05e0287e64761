import Testing
@testable import FFBSQLite

@Suite("Prepared statements bind, step and are reused")
struct StatementTests {
    @Test("binding by name and by position stores the same citizen")
    func namedAndPositionalBinding() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            try database.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0101901234", "Anna"])
            try database.execute("INSERT INTO citizen (cpr, name) VALUES (:cpr, :name)", [":cpr": "0202902345", "name": "Bo"])
            try database.execute("INSERT INTO citizen (cpr, name) VALUES (@cpr, $name)", ["cpr": "0303903456", "$name": "Cai"])
            let statement = try database.prepare("INSERT INTO citizen (cpr, name) VALUES (?2, ?1)")
            try statement.bind("Dorte", at: 1)
            try statement.bind(SQLiteValue.text("0404904567"), at: 2)
            #expect(try statement.step() == false)

            let rows = try database.query("SELECT cpr, name FROM citizen ORDER BY id")
            #expect(try rows.map { try $0.string(0) } == ["0101901234", "0202902345", "0303903456", "0404904567"])
            #expect(try rows.map { try $0.string(1) } == ["Anna", "Bo", "Cai", "Dorte"])
        }
    }

    @Test("a wrong number of values, an unknown name or a bad position is a misuse")
    func bindingMistakes() throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE t (a, b)")
        let tooFew = #expect(throws: SQLiteError.self) { try database.execute("INSERT INTO t VALUES (?, ?)", [1]) }
        #expect(tooFew?.kind == .misuse("the statement takes 2 parameters but 1 values were given"))
        let unknown = #expect(throws: SQLiteError.self) {
            try database.execute("INSERT INTO t VALUES (:a, :b)", [":a": 1, ":c": 2])
        }
        #expect(unknown?.kind == .misuse("the statement has no parameter named :c"))
        let statement = try database.prepare("INSERT INTO t VALUES (?, ?)")
        let position = #expect(throws: SQLiteError.self) { try statement.bind(1, at: 3) }
        #expect(position?.kind == .misuse("parameter 3 is out of range 1...2"))
        #expect(try count("t", in: database) == 0)
    }

    @Test("the same SQL text reuses one cached statement")
    func statementCacheReuse() throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE t (n INTEGER)")
        let sql = "INSERT INTO t (n) VALUES (?)"
        let first = try database.cachedStatement(sql)
        for n in 0..<100 {
            try database.execute(sql, [.integer(Int64(n))])
        }
        #expect(try database.cachedStatement(sql) === first)
        #expect(database.cachedStatementCount == 2)
        #expect(try count("t", in: database) == 100)
    }

    @Test("a full cache drops idle statements and keeps working")
    func statementCacheCapacity() throws {
        let database = try Database(path: ":memory:", options: .init(statementCacheCapacity: 2))
        let results = try (1...5).map { n in try database.firstRow("SELECT \(n)")?.int(0) }
        #expect(results == [1, 2, 3, 4, 5])
        #expect(database.cachedStatementCount <= 2)
    }

    @Test("a query re-entered with the same SQL inside its own loop gets its own statement")
    func reentrantQuery() throws {
        let database = try Database.inMemory()
        try database.executeScript("CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2);")
        var pairs: [[Int]] = []
        try database.forEach("SELECT n FROM t ORDER BY n") { outer throws(SQLiteError) in
            let inner = try database.query("SELECT n FROM t ORDER BY n").map { row throws(SQLiteError) in try row.int(0) }
            pairs.append([try outer.int(0)] + inner)
        }
        #expect(pairs == [[1, 1, 2], [2, 1, 2]])
    }

    @Test("execute reports the rows it changed, and 0 for statements that change none")
    func changeCounts() throws {
        let database = try Database.inMemory()
        #expect(try database.execute("CREATE TABLE t (n INTEGER)") == 0)
        let insert = try database.prepare("INSERT INTO t (n) VALUES (?)")
        #expect(try insert.execute([1]) == 1)
        #expect(try database.lastInsertRowID == 1)
        #expect(try insert.execute([2]) == 1)
        #expect(try database.lastInsertRowID == 2)
        #expect(try database.execute("CREATE INDEX t_n ON t (n)") == 0)
        #expect(try database.execute("SELECT * FROM t") == 0)
        #expect(try database.execute("UPDATE t SET n = n + 10") == 2)
        #expect(try database.execute("DELETE FROM t WHERE n > ?", [100]) == 0)
    }

    @Test("stepping by hand reads columns from the statement itself")
    func manualStepping() throws {
        let database = try Database.inMemory()
        let statement = try database.prepare("SELECT column1 AS value, column1 * 2 AS doubled FROM (VALUES (1), (2), (3))")
        let early = #expect(throws: SQLiteError.self) { try statement.int(0) }
        #expect(early?.kind == .misuse("the statement is not positioned on a row"))
        var seen: [[Int]] = []
        while try statement.step() {
            seen.append([try statement.int(0), try statement.get("doubled")])
        }
        #expect(seen == [[1, 2], [2, 4], [3, 6]])
        #expect(statement.columnNames == ["value", "doubled"])
    }

    @Test("one statement per execute; scripts run several in order")
    func scripts() throws {
        let database = try Database.inMemory()
        let two = #expect(throws: SQLiteError.self) { try database.execute("CREATE TABLE a (x); CREATE TABLE b (y)") }
        #expect(two?.kind == .misuse("the SQL text holds more than one statement; use executeScript"))
        try database.executeScript("""
            -- a comment first
            CREATE TABLE a (x);
            INSERT INTO a VALUES (1);
            INSERT INTO a SELECT x + 1 FROM a;
            /* and one last */
            """)
        #expect(try database.query("SELECT x FROM a ORDER BY x").map { try $0.int(0) } == [1, 2])
        #expect(try database.execute("SELECT 1; -- trailing comment") == 0)
    }

    @Test("a closed database and its statements refuse further use")
    func useAfterClose() throws {
        let database = try Database.inMemory()
        let statement = try database.prepare("SELECT 1")
        database.close()
        database.close()
        #expect(database.isOpen == false)
        let viaDatabase = #expect(throws: SQLiteError.self) { try database.execute("SELECT 1") }
        #expect(viaDatabase?.kind == .misuse("the database is closed"))
        let viaStatement = #expect(throws: SQLiteError.self) { try statement.step() }
        #expect(viaStatement?.kind == .misuse("the statement is finalized or its database is closed"))
    }
}
