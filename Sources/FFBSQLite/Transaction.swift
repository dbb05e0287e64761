import CSQLite

/// How a transaction takes its locks.
public enum TransactionMode: String, Sendable {
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
    public var isInTransaction: Bool {
        guard let handle = connection.handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when
    /// it throws and rethrows its error unchanged.
    ///
    /// Called inside another transaction it becomes a savepoint (see
    /// ``savepoint(_:)``), so helpers can be composed freely.
    @discardableResult
    public func transaction<T>(_ mode: TransactionMode = .immediate, _ body: (Database) throws -> T) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try execute("BEGIN \(mode.rawValue) TRANSACTION")
        let result: T
        do {
            result = try body(self)
            try execute("COMMIT TRANSACTION")
        } catch {
            rollbackIfActive("ROLLBACK TRANSACTION")
            throw error
        }
        return result
    }

    /// Runs `body` inside a savepoint: released when it returns, rolled back
    /// (undoing only `body`'s changes) when it throws. Usable on its own or
    /// nested inside ``transaction(_:_:)``.
    @discardableResult
    public func savepoint<T>(_ body: (Database) throws -> T) throws -> T {
        savepointDepth += 1
        defer { savepointDepth -= 1 }
        let name = "ffb_savepoint_\(savepointDepth)"
        try execute("SAVEPOINT \(name)")
        let result: T
        do {
            result = try body(self)
            try execute("RELEASE SAVEPOINT \(name)")
        } catch {
            // ROLLBACK TO keeps the savepoint open; RELEASE closes it so an
            // outermost savepoint does not leave a transaction behind.
            rollbackIfActive("ROLLBACK TO SAVEPOINT \(name)")
            rollbackIfActive("RELEASE SAVEPOINT \(name)")
            throw error
        }
        return result
    }

    /// Some errors (disk full, I/O, interrupted) make SQLite roll back by
    /// itself; issuing ROLLBACK then would raise a second, misleading error
    /// that hides the first, so it is skipped and any failure ignored.
    private func rollbackIfActive(_ sql: String) {
        guard isInTransaction else { return }
        _ = try? execute(sql)
    }
}
