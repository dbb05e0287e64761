import Testing
@testable import FFBSQLite

/// An application error thrown from inside a transaction body.
struct AssessmentRejected: Error, Equatable {}

/// An application's own error type, which carries SQLite's failures as one of its cases.
enum IntakeError: Error, Equatable {
    case store(SQLiteError.Kind)
    case rejected
}

@Suite("Transactions commit on return and roll back on throw")
struct TransactionTests {
    @Test("a returning body commits, visible to another connection")
    func commitOnReturn() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            let id = try database.transaction { database throws(SQLiteError) in
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
                try database.transaction(mapError: { $0 }) { database in
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
                try database.transaction { database throws(SQLiteError) in
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
        try database.transaction(mapError: { $0 }) { database in
            try database.execute("INSERT INTO note VALUES ('outer before')")
            do {
                try database.savepoint(mapError: { $0 }) { database in
                    try database.execute("INSERT INTO note VALUES ('inner')")
                    throw AssessmentRejected()
                }
            } catch is AssessmentRejected {}
            try database.transaction { database throws(SQLiteError) in
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
        try database.savepoint { database throws(SQLiteError) in try database.execute("INSERT INTO note VALUES ('kept')") }
        #expect(throws: AssessmentRejected.self) {
            try database.savepoint(mapError: { $0 }) { database in
                try database.execute("INSERT INTO note VALUES ('dropped')")
                throw AssessmentRejected()
            }
        }
        #expect(database.isInTransaction == false)
        #expect(try database.query("SELECT text FROM note").map { try $0.string(0) } == ["kept"])
    }

    @Test("a body with its own error type throws it, and rolls back like any other")
    func ownErrorType() throws {
        let database = try Database.inMemory()
        try database.execute("CREATE TABLE note (text TEXT NOT NULL)")
        #expect(throws: IntakeError.rejected) {
            try database.transaction(mapError: { IntakeError.store($0.kind) }) { database throws(IntakeError) in
                do throws(SQLiteError) {
                    try database.execute("INSERT INTO note VALUES ('dropped')")
                } catch {
                    throw .store(error.kind)
                }
                throw .rejected
            }
        }
        #expect(database.isInTransaction == false)
        #expect(try database.query("SELECT text FROM note").isEmpty)
    }
}
