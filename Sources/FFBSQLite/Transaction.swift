import CSQLite

/// How a transaction takes its locks.
package enum TransactionMode: String, Sendable {
    /// Locks on first read or write. Fine for read-only work.
    case deferred = "DEFERRED"
    /// Takes the write lock at `BEGIN`, so a conflicting writer surfaces as
    /// ``SQLiteError/Kind/busy`` before any work is done, never halfway.
    case immediate = "IMMEDIATE"
    /// Like ``immediate``; in WAL mode readers are still allowed.
    case exclusive = "EXCLUSIVE"
}

extension Database {
    /// Whether a transaction is open on this connection.
    package var isInTransaction: Bool {
        if let server { return server.isInTransaction }
        guard let handle = connection.handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when
    /// it throws and rethrows its error unchanged.
    ///
    /// `body` does SQLite work, so it throws ``SQLiteError`` like the transaction itself. Swift
    /// takes a closure that throws for `throws(any Error)` unless told, so a throwing body is
    /// written `{ database throws(SQLiteError) in … }`. A body that throws errors of its own
    /// uses ``transaction(_:mapError:_:)``.
    ///
    /// Called inside another transaction it becomes a savepoint (see
    /// ``savepoint(_:)``), so helpers can be composed freely.
    @discardableResult
    package func transaction<T>(_ mode: TransactionMode = .immediate, _ body: (Database) throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try transaction(mode, mapError: { $0 }, body)
    }

    /// Runs `body`, which throws the caller's own error type, in a transaction: commits when it
    /// returns, rolls back when it throws and rethrows its error unchanged.
    ///
    /// The transaction's own statements (`BEGIN`, `COMMIT`) can fail too; `mapError` turns
    /// those SQLite errors into the body's type, so one error type comes out (`StoreError.init`
    /// for a store's typed errors, `{ $0 }` for a body that throws `any Error`).
    @discardableResult
    package func transaction<T, E: Error>(
        _ mode: TransactionMode = .immediate, mapError: (SQLiteError) -> E, _ body: (Database) throws(E) -> T
    ) throws(E) -> T {
        if isInTransaction {
            return try savepoint(mapError: mapError, body)
        }
        return try run(body, begin: beginning(mode), commit: "COMMIT TRANSACTION",
                       rollback: ["ROLLBACK TRANSACTION"], mapError: mapError)
    }

    /// Runs `body` inside a savepoint: released when it returns, rolled back
    /// (undoing only `body`'s changes) when it throws. Usable on its own or
    /// nested inside ``transaction(_:_:)``.
    @discardableResult
    package func savepoint<T>(_ body: (Database) throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try savepoint(mapError: { $0 }, body)
    }

    /// ``savepoint(_:)`` for a body that throws the caller's own error type; `mapError` turns
    /// the savepoint's own SQLite errors into that type, as in ``transaction(_:mapError:_:)``.
    @discardableResult
    package func savepoint<T, E: Error>(mapError: (SQLiteError) -> E, _ body: (Database) throws(E) -> T) throws(E) -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "ffb_savepoint_\(savepointDepth)"
        // ROLLBACK TO keeps the savepoint open; RELEASE closes it so an
        // outermost savepoint does not leave a transaction behind.
        return try run(body, begin: ["SAVEPOINT \(name)"], commit: "RELEASE SAVEPOINT \(name)",
                       rollback: ["ROLLBACK TO SAVEPOINT \(name)", "RELEASE SAVEPOINT \(name)"], mapError: mapError)
    }

    /// How a transaction in `mode` begins. On PostgreSQL a deferred transaction reads one
    /// snapshot (repeatable read, as SQLite's read transaction does), and an immediate or
    /// exclusive one first takes the database's write lock, an advisory lock every ffb writer
    /// takes, so writers go one at a time as on SQLite while readers are never blocked.
    private func beginning(_ mode: TransactionMode) -> [String] {
        guard isServer else { return ["BEGIN \(mode.rawValue) TRANSACTION"] }
        switch mode {
        case .deferred: return ["BEGIN ISOLATION LEVEL REPEATABLE READ"]
        // A writer waits for the lock as long as SQLite's busy timeout, then gives up as busy
        // (SQLSTATE 55P03), never forever behind a long import or a held lock (0 would mean
        // for ever on PostgreSQL: at least a millisecond).
        case .immediate, .exclusive:
            return ["BEGIN ISOLATION LEVEL READ COMMITTED", "SET LOCAL lock_timeout = \(max(1, options.busyTimeoutMilliseconds))",
                    "SELECT pg_advisory_xact_lock(\(Self.writeLockKey))"]
        }
    }

    /// The advisory lock key every ffb writer on one PostgreSQL database takes ("ffb" in ASCII).
    package static let writeLockKey: Int64 = 0x666662

    /// `begin`'s statements, then `body`, then `commit`; `rollback` when the body or the commit fails.
    private func run<T, E: Error>(
        _ body: (Database) throws(E) -> T, begin: [String], commit: String, rollback: [String], mapError: (SQLiteError) -> E
    ) throws(E) -> T {
        do {
            for statement in begin { try execute(statement) }
        } catch {
            rollbackIfActive(rollback)
            throw mapError(error)
        }
        let result: T
        do {
            result = try body(self)
        } catch {
            rollbackIfActive(rollback)
            throw error
        }
        do {
            try execute(commit)
        } catch {
            rollbackIfActive(rollback)
            throw mapError(error)
        }
        return result
    }

    /// Some errors (disk full, I/O, interrupted) make SQLite roll back by
    /// itself; issuing ROLLBACK then would raise a second, misleading error
    /// that hides the first, so it is skipped and any failure ignored.
    private func rollbackIfActive(_ statements: [String]) {
        for sql in statements where isInTransaction {
            _ = try? execute(sql)
        }
    }
}
