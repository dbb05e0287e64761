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
            try database.transaction { database in
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
}
