import FFBCatalog
import FFBFiles
import FFBModel
import FFBSQLite
import Foundation

/// The case store: an SQLite file holding citizens, cases, assessments, orders, goals and
/// follow-ups with their full history.
///
/// Every write goes through `write(user:command:_:)`: one immediate transaction, one audit row,
/// all or nothing.
package final class Store {
    let database: Database
    package let catalog: Catalog
    package let path: String
    private let identity: FileIdentity?
    /// The audit rows read so far, by id: every record of one write shares its row, and a
    /// committed audit row never changes, so a whole-store read makes each once instead of once
    /// per record. Emptied after every write (a rolled-back write's id is given out again).
    var writeInfos: [Int64: WriteInfo] = [:]

    init(database: Database, catalog: Catalog, path: String) {
        self.database = database
        self.catalog = catalog
        self.path = path
        identity = FileIdentity(path: path)
    }

    /// Opens the store at `path`; with `create`, makes it (owner-only, 0600) when it is missing.
    package static func open(path: String, create: Bool, catalog: Catalog = BuiltInCatalogs.standard) throws(StoreError) -> Store {
        if Database.isServerAddress(path) { return try openServer(address: path, create: create, catalog: catalog) }
        let kind = FileKind(path: path)
        let exists = kind != .missing
        if !exists, !create { throw .missingStore(path: path) }
        // SQLite would block for ever on a FIFO and fail oddly on a device: refused before it opens.
        if exists, case .regular = kind {} else if exists {
            throw .invalid("\(path) is \(kind.noun), not a store file")
        }
        do throws(SQLiteError) {
            var options = Database.Options()
            options.create = create
            let database: Database
            do {
                database = try Database(path: path, options: options)
            } catch let error where exists && [.cantOpen, .readOnly, .ioError].contains(error.kind) {
                // A WAL store on read-only media cannot be opened the usual way (SQLite must make
                // its -shm file). Reading it as immutable still works; writes then fail clearly.
                guard let immutable = Self.openImmutable(path: path) else { throw error }
                database = immutable
            }
            _ = try Schema.migrator().migrate(database)
            return Store(database: database, catalog: catalog, path: path)
        } catch where error.kind == .notADatabase {
            throw .database("\(path) is not an ffb store (not an SQLite database)")
        } catch {
            throw StoreError(error)
        }
    }

    /// Opens the store in a PostgreSQL database; with `create`, makes its schema when the
    /// database has none. `path` is then the address without its password.
    private static func openServer(address: String, create: Bool, catalog: Catalog) throws(StoreError) -> Store {
        let database = try StoreError.mapping { () throws(SQLiteError) in try Database(server: address) }
        do throws(StoreError) {
            let migrator = try StoreError.mapping { () throws(SQLiteError) in try Schema.serverMigrator() }
            let version = try StoreError.mapping { () throws(SQLiteError) in try migrator.currentVersion(of: database) }
            if version == 0, !create { throw .missingStore(path: database.path) }
            do throws(SQLiteError) {
                _ = try migrator.migrate(database)
            } catch {
                // Only the owner changes a shared store's schema.
                if version > 0, case .permissionDenied = error.kind {
                    throw StoreError.database("the store is at schema version \(version) and this ffb needs \(Schema.latestVersion); "
                        + "its owner brings it up to date by running any ffb command on it (ffb check)")
                }
                throw StoreError(error)
            }
        } catch {
            database.close()
            throw error
        }
        return Store(database: database, catalog: catalog, path: database.path)
    }

    private static func openImmutable(path: String) -> Database? {
        var options = Database.Options()
        options.readOnly = true
        options.immutable = true
        return try? Database(path: path, options: options)
    }

    package func close() {
        database.close()
    }

    package func snapshot<T>(_ body: () throws -> T) throws -> T {
        try database.transaction(.deferred, mapError: { StoreError($0) as any Error }) { _ in try body() }
    }

    /// Runs `body` as one transaction recorded as a write by `user` running `command`.
    package func write<T>(user: String, command: String, now: Date, rules: WriteRules, _ body: (any CaseStoreWriter) throws -> T) throws(StoreError) -> T {
        // A write rolled back frees its audit row's id for the next write: forget what was read.
        defer { writeInfos.removeAll() }
        return try database.transaction(.immediate, mapError: StoreError.init) { database throws(StoreError) in
            try requireIntactSchema()
            let user = try auditUser(user, in: database)
            let writeID = try StoreError.mapping { () throws(SQLiteError) in try appendAuditRow(at: Self.timestamp(now), user: user, command: command) }
            let writer = StoreWriter(database: database, writeID: writeID, catalog: catalog, rules: rules)
            let result = try StoreError.mapping { try body(writer) }
            try writer.refuseUnusedBackdatedReason()
            guard FileIdentity(path: path) == identity else {
                throw .database("the store file \(path) was deleted or replaced while ffb was running; nothing was written")
            }
            return result
        }
    }

    /// Who a write or a look is recorded as: `given` in a file; on a shared store the database
    /// role that logged in, whatever `given` says (the schema refuses any other name; the CLI
    /// refuses a `--user` that is not the role before it gets here).
    func auditUser(_ given: String, in database: Database) throws(StoreError) -> String {
        try StoreError.mapping({ () throws(SQLiteError) in try database.serverRole }) ?? given
    }

    /// Runs read queries; errors become `StoreError`.
    func read<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw StoreError.from(error)
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// `PRAGMA integrity_check`, for tests and `ffb doctor`-style checks.
    package func integrityCheck() throws(StoreError) -> [String] {
        try StoreError.mapping { () throws(SQLiteError) in try database.integrityCheck() }
    }

    /// Every row of every table in a stable order: proves a failed command changed nothing.
    package func logicalDump() throws(StoreError) -> String {
        try StoreError.mapping { () throws(SQLiteError) in try database.logicalDump() }
    }
}
