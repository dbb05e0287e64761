import Foundation
import Testing
@testable import FFBSQLite

@Suite("Failures arrive as typed errors that never reveal bound values")
struct ErrorTests {
    @Test("a duplicate CPR number is a constraint error that names the column, not the number")
    func uniqueConstraint() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            let sql = "INSERT INTO citizen (cpr, name) VALUES (?, ?)"
            try database.execute(sql, ["0101901234", "Anna"])
            let error = #expect(throws: SQLiteError.self) { try database.execute(sql, ["0101901234", "Anna Again"]) }
            #expect(error?.kind == .constraint("UNIQUE constraint failed: citizen.cpr"))
            #expect(error?.constraintKind == .unique)
            #expect(error?.sql == sql)
            let description = try #require(error).description
            #expect(!description.contains("0101901234"))
            #expect(!description.contains("Anna"))
            #expect(!description.contains("INSERT"))
        }
    }

    @Test("foreign keys are enforced on every connection")
    func foreignKeys() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            let error = #expect(throws: SQLiteError.self) {
                try database.execute("INSERT INTO assessment (citizen_id, level) VALUES (?, ?)", [99, 1])
            }
            #expect(error?.kind == .constraint("FOREIGN KEY constraint failed"))
            #expect(error?.constraintKind == .foreignKey)
        }
    }

    @Test("a second writer gets busy at BEGIN while the first holds the write lock")
    func busyWhileAnotherConnectionWrites() throws {
        try withTemporaryStore { path in
            let first = try citizenStore(at: path)
            let second = try Database(path: path, options: .init(busyTimeout: .milliseconds(50)))
            try first.transaction { first throws(SQLiteError) in
                try first.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0101901234", "Anna"])
                let error = #expect(throws: SQLiteError.self) {
                    try second.transaction { second throws(SQLiteError) in try second.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0202902345", "Bo"]) }
                }
                #expect(error?.kind == .busy)
                // A body with its own error type gets the failed BEGIN as that type.
                #expect(throws: IntakeError.store(.busy)) {
                    try second.transaction(mapError: { IntakeError.store($0.kind) }) { _ throws(IntakeError) in }
                }
                #expect(second.isInTransaction == false)
            }
            try second.transaction { second throws(SQLiteError) in try second.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0202902345", "Bo"]) }
            #expect(try count("citizen", in: first) == 2)
        }
    }

    @Test("a read-only store answers queries and refuses writes")
    func readOnlyRefusesWrites() throws {
        try withTemporaryStore { path in
            try citizenStore(at: path).execute("INSERT INTO citizen (cpr, name) VALUES ('0101901234', 'Anna')")
            let reader = try Database(path: path, options: .init(readOnly: true))
            #expect(try count("citizen", in: reader) == 1)
            let error = #expect(throws: SQLiteError.self) {
                try reader.execute("DELETE FROM citizen")
            }
            #expect(error?.kind == .readOnly)
            #expect(try count("citizen", in: reader) == 1)
        }
    }

    @Test("a file that is not SQLite is reported as not a database")
    func notADatabase() throws {
        try withTemporaryStore { path in
            try Data(String(repeating: "cpr;name\n0101901234;Anna\n", count: 40).utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: SQLiteError.self) { try Database(path: path) }
            #expect(error?.kind == .notADatabase)
            let created = #expect(throws: SQLiteError.self) { try Database(path: path, options: .init(create: true)) }
            #expect(created?.kind == .notADatabase)
        }
    }

    @Test("a missing store is not created unless asked")
    func missingStore() throws {
        try withTemporaryStore { path in
            let error = #expect(throws: SQLiteError.self) { try Database(path: path) }
            #expect(error?.kind == .cantOpen)
            #expect(FileManager.default.fileExists(atPath: path) == false)
            let contradiction = #expect(throws: SQLiteError.self) {
                try Database(path: path, options: .init(readOnly: true, create: true))
            }
            #expect(contradiction?.kind == .misuse("a store cannot be both read-only and created"))
        }
    }

    @Test("result codes map to the kinds the application acts on", arguments: [
        (Int32(5), SQLiteError.Kind.busy),
        (6, .busy),
        (517, .busy),
        (8, .readOnly),
        (13, .full),
        (11, .corrupt),
        (26, .notADatabase),
        (14, .cantOpen),
        (778, .ioError),
        (2067, .constraint("m")),
        (1, .other(code: 1, message: "m")),
    ])
    func resultCodeMapping(code: Int32, kind: SQLiteError.Kind) {
        #expect(SQLiteError(code: code, message: "m").kind == kind)
    }
}
