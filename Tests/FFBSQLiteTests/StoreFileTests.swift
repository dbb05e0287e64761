import Foundation
import Testing
@testable import FFBSQLite

@Suite("Store files are readable by their owner only")
struct StoreFileTests {
    @Test("a created store is 0600, and so are the WAL files SQLite adds")
    func ownerOnlyAfterCreationAndWAL() throws {
        try withTemporaryStore { path in
            let database = try citizenStore(at: path)
            try database.execute("INSERT INTO citizen (cpr, name) VALUES (?, ?)", ["0101901234", "Anna"])
            let modes = try StoreFiles.modes(ofStoreAt: path)
            #expect(modes.map(\.path) == [path, path + "-wal", path + "-shm"])
            #expect(modes.allSatisfy { $0.permissions == 0o600 })
            try StoreFiles.requireOwnerOnly(storeAt: path)
        }
    }

    @Test("the connection runs in WAL mode with foreign keys and full sync")
    func connectionSettings() throws {
        try withTemporaryStore { path in
            let database = try createStore(at: path)
            #expect(try database.firstRow("PRAGMA journal_mode")?.string(0) == "wal")
            #expect(try database.firstRow("PRAGMA foreign_keys")?.int(0) == 1)
            #expect(try database.firstRow("PRAGMA synchronous")?.int(0) == 2)
            #expect(try database.firstRow("PRAGMA secure_delete")?.int(0) == 1)
        }
    }

    @Test("a store readable by others is reported")
    func looseModeIsReported() throws {
        try withTemporaryStore { path in
            try createStore(at: path).close()
            #expect(chmod(path, 0o644) == 0)
            let error = #expect(throws: SQLiteError.self) { try StoreFiles.requireOwnerOnly(storeAt: path) }
            #expect(error?.kind == .insecurePermissions(path: path, mode: 0o644))
        }
    }

    @Test("creating over an existing store opens it with its data intact")
    func createKeepsExistingStore() throws {
        try withTemporaryStore { path in
            try citizenStore(at: path).execute("INSERT INTO citizen (cpr, name) VALUES ('0101901234', 'Anna')")
            let reopened = try createStore(at: path)
            #expect(try count("citizen", in: reopened) == 1)
        }
    }

    @Test("inspecting a missing store fails")
    func missingStore() throws {
        try withTemporaryStore { path in
            let error = #expect(throws: SQLiteError.self) { try StoreFiles.modes(ofStoreAt: path) }
            #expect(error?.kind == .cantOpen)
        }
    }
}
