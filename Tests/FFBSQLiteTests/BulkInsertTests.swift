import Testing
@testable import FFBSQLite

@Suite("Bulk loading")
struct BulkInsertTests {
    @Test("fifty thousand rows inserted in one transaction are all there, in order")
    func bulkInsert() throws {
        try withTemporaryStore { path in
            let database = try createStore(at: path)
            try database.execute("CREATE TABLE observation (id INTEGER PRIMARY KEY, citizen TEXT NOT NULL, level INTEGER NOT NULL, score REAL, note TEXT)")
            let rows = 50_000
            try database.transaction { database throws(SQLiteError) in
                let insert = try database.prepare("INSERT INTO observation (citizen, level, score, note) VALUES (?, ?, ?, ?)")
                for n in 0..<rows {
                    try insert.execute([.text("citizen-\(n % 997)"), .integer(Int64(n % 5)), .real(Double(n) / 4), n.isMultiple(of: 3) ? nil : .text("note \(n)")])
                }
            }
            let summary = try #require(try database.firstRow("SELECT count(*), sum(level), sum(score), count(note) FROM observation"))
            #expect(try summary.int(0) == rows)
            #expect(try summary.int(1) == (0..<rows).reduce(0) { $0 + $1 % 5 })
            #expect(try summary.double(2) == Double((0..<rows).reduce(0, +)) / 4)
            #expect(try summary.int(3) == rows - (rows + 2) / 3)
            let last = try #require(try database.firstRow("SELECT citizen, note FROM observation WHERE id = ?", [.integer(Int64(rows))]))
            #expect(try last.string(0) == "citizen-\((rows - 1) % 997)")
            #expect(try last.optionalString(1) == "note \(rows - 1)")
        }
    }

    @Test("multi-row inserts put every row in, in order, with a handful of statement texts", arguments: [0, 1, 2, 13, 32, 33, 100])
    func multiRowInsert(rows: Int) throws {
        try withTemporaryStore { path in
            let database = try createStore(at: path)
            try database.execute("CREATE TABLE entry (id INTEGER PRIMARY KEY, theme TEXT NOT NULL, level INTEGER)")
            try database.transaction { _ in } // caches BEGIN and COMMIT
            let statementsBefore = database.cachedStatementCount
            let values = (0..<rows).flatMap { n -> [SQLiteValue] in [.integer(Int64(n + 1)), .text("theme \(n)"), n.isMultiple(of: 4) ? .null : .integer(Int64(n % 5))] }
            try database.transaction { database throws(SQLiteError) in try database.insertRows(into: "entry", columns: ["id", "theme", "level"], values: values) }
            // 100 rows go in as 32 + 32 + 32 + 4: two statement texts.
            let chunk = Database.maximumRowsPerInsert
            #expect(database.cachedStatementCount - statementsBefore == (rows >= chunk ? 1 : 0) + (rows % chunk == 0 ? 0 : 1))
            let stored = try database.query("SELECT id, theme, level FROM entry ORDER BY id").map { try [$0.int(0), $0.string(1), $0.optionalInt(2)] as [AnyHashable?] }
            #expect(stored == (0..<rows).map { n in [n + 1, "theme \(n)", n.isMultiple(of: 4) ? nil : n % 5] as [AnyHashable?] })
        }
    }

    @Test("values that do not fill whole rows are refused before anything is written")
    func ragged() throws {
        try withTemporaryStore { path in
            let database = try createStore(at: path)
            try database.execute("CREATE TABLE entry (a INTEGER, b INTEGER)")
            #expect(throws: SQLiteError.self) { try database.insertRows(into: "entry", columns: ["a", "b"], values: [1, 2, 3]) }
            #expect(try database.firstRow("SELECT COUNT(*) FROM entry")?.int(0) == 0)
        }
    }
}
