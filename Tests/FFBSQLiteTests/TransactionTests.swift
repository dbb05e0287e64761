import Testing
@testable import FFBSQLite

/// An application error thrown from inside a transaction body.
struct AssessmentRejected: Error, Equatable {}

@Suite("Transactions commit on return and roll back on throw")
struct TransactionTests {
    @Test("a returning body commits, visible to another connection")
    func commitOnReturn() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            let id = try database.transaction { database in
                try database.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0101901234", "Anna"])
                return try database.lastInsertRowID
            }
            #expect(id == 1)
            #expect(database.isInTransaction == false)
            let other = try Database(path: path)
            #expect(try count("citizen", in: other) == 1)
        }
    }

    @Test("a throwing body leaves no trace and its own error comes through unchanged")
    func rollbackOnThrow() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            let before = try database.logicalDump()
            #expect(throws: AssessmentRejected()) {
                try database.transaction { database in
                    try database.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0101901234", "Anna"])
                    try database.execute("INSERT INTO assessment (citizen_id, level) VALUES (1, 2)")
                    throw AssessmentRejected()
                }
            }
            #expect(database.isInTransaction == false)
            #expect(try count("citizen", in: database) == 0)
            #expect(try database.logicalDump() == before)
        }
    }

    @Test("a failed statement inside the body rolls back the earlier ones")
    func rollbackOnSQLiteError() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            let error = #expect(throws: SQLiteError.self) {
                try database.transaction { database in
                    try database.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0101901234", "Anna"])
                    try database.execute("INSERT INTO assessment (citizen_id, level) VALUES (1, 9)")
                }
            }
            #expect(error?.kind == .constraint("CHECK constraint failed: level BETWEEN 0 AND 4"))
            #expect(error?.constraintKind == .check)
            #expect(try count("citizen", in: database) == 0)
        }
    }

    @Test("a savepoint that throws undoes only its own work inside the outer transaction")
    func nestedSavepointRollback() throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE note (text TEXT)")
        try database.transaction { database in
            try database.execute("INSERT INTO note VALUES ('outer before')")
            do {
                try database.savepoint { database in
                    try database.execute("INSERT INTO note VALUES ('inner')")
                    throw AssessmentRejected()
                }
            } catch is AssessmentRejected {}
            try database.transaction { database in
                try database.execute("INSERT INTO note VALUES ('nested transaction')")
            }
            try database.execute("INSERT INTO note VALUES ('outer after')")
        }
        let notes = try database.query("SELECT text FROM note ORDER BY rowid").map { try $0.string(0) }
        #expect(notes == ["outer before", "nested transaction", "outer after"])
        #expect(database.isInTransaction == false)
    }

    @Test("a savepoint on its own commits like a transaction")
    func standaloneSavepoint() throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE note (text TEXT)")
        try database.savepoint { try $0.execute("INSERT INTO note VALUES ('kept')") }
        #expect(throws: AssessmentRejected.self) {
            try database.savepoint { database in
                try database.execute("INSERT INTO note VALUES ('dropped')")
                throw AssessmentRejected()
            }
        }
        #expect(database.isInTransaction == false)
        #expect(try database.query("SELECT text FROM note").map { try $0.string(0) } == ["kept"])
    }
}
