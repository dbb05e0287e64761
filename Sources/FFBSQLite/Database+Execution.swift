import CSQLite

extension Database {
    /// Prepares a statement that the caller owns, bypassing the cache.
    /// Hold on to it in hot loops; ``Statement/execute(_:)`` rebinds it.
    package func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        statementObserver?(sql)
        return try makeStatement(sql, persistent: true)
    }

    /// Runs `body` with the cached statement for `sql`, leaving the statement
    /// reset and its bindings cleared afterwards.
    func withCachedStatement<T>(_ sql: String, _ body: (Statement) throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try requireOpen()
        statementObserver?(sql)
        let statement = try statementCache.statement(for: sql) { persistent throws(SQLiteError) in try makeStatement(sql, persistent: persistent) }
        statement.isInUse = true
        defer {
            statement.isInUse = false
            statement.reset()
            statement.clearBindings()
        }
        return try body(statement)
    }

    /// The cached statement for `sql`; exposed to tests to observe reuse.
    func cachedStatement(_ sql: String) throws(SQLiteError) -> Statement {
        try statementCache.statement(for: sql) { persistent throws(SQLiteError) in try makeStatement(sql, persistent: persistent) }
    }

    /// How many statements the cache holds.
    var cachedStatementCount: Int { statementCache.count }

    /// Runs one statement to completion.
    ///
    /// - Returns: the rows inserted, updated or deleted directly by it.
    @discardableResult
    package func execute(_ sql: String, _ bindings: SQLiteBindings = .none) throws(SQLiteError) -> Int {
        try withCachedStatement(sql) { statement throws(SQLiteError) in try statement.execute(bindings) }
    }

    /// Runs a statement and copies out all its rows.
    package func query(_ sql: String, _ bindings: SQLiteBindings = .none) throws(SQLiteError) -> [Row] {
        try withCachedStatement(sql) { statement throws(SQLiteError) in try statement.rows(bindings) }
    }

    /// Runs a statement and returns its first row, or nil when it has none.
    package func firstRow(_ sql: String, _ bindings: SQLiteBindings = .none) throws(SQLiteError) -> Row? {
        try withCachedStatement(sql) { statement throws(SQLiteError) in
            try statement.bind(bindings)
            return try statement.step() ? statement.currentRow() : nil
        }
    }

    /// Runs a statement and calls `body` with each row in turn, without collecting or copying
    /// them: `body` gets the statement positioned on the row, valid only during the call
    /// (`currentRow()` copies one out). `body` reads rows, so it throws what reading throws; to
    /// stop on a condition of your own, collect the rows with ``query(_:_:)`` instead.
    package func forEach(_ sql: String, _ bindings: SQLiteBindings = .none, _ body: (Statement) throws(SQLiteError) -> Void) throws(SQLiteError) {
        try withCachedStatement(sql) { statement throws(SQLiteError) in
            try statement.forEachRow(bindings, body)
        }
    }

    /// Runs a statement and calls `body` with each row in turn, as ``forEach(_:_:_:)`` does,
    /// stopping at the first error `body` throws, which is rethrown as it is. Not generic: a
    /// whole-store pass calls it for hundreds of thousands of rows.
    package func forEachRow(_ sql: String, _ bindings: SQLiteBindings = .none, _ body: (Statement) throws -> Void) throws {
        var failure: (any Error)?
        do {
            try forEach(sql, bindings) { row throws(SQLiteError) in
                do {
                    try body(row)
                } catch let error as SQLiteError {
                    throw error
                } catch {
                    failure = error
                    throw SQLiteError(.misuse("stopped by the caller"))
                }
            }
        } catch {
            throw failure ?? error
        }
    }

    /// Runs a statement and turns each row into a value where it stands (no row is copied out),
    /// stopping at the first error `transform` throws, which is rethrown as it is.
    package func map<T>(_ sql: String, _ bindings: SQLiteBindings = .none, _ transform: (Statement) throws -> T) throws -> [T] {
        var values: [T] = []
        try forEachRow(sql, bindings) { row in values.append(try transform(row)) }
        return values
    }

    /// Runs every statement in `sql` in order (a schema, a migration), without
    /// bindings and without caching.
    package func executeScript(_ sql: String) throws(SQLiteError) {
        if let server {
            do {
                try server.executeScript(sql)
            } catch {
                throw SQLiteError(server: error, sql: sql)
            }
            return
        }
        try sql.withUTF8Buffer { buffer throws(SQLiteError) in
            var offset = 0
            while offset < buffer.count {
                let rest = UnsafeBufferPointer(rebasing: buffer[offset...])
                let (handle, consumed) = try connection.prepareFirst(in: rest, persistent: false)
                defer { sqlite3_finalize(handle) }
                if let handle {
                    while true {
                        let code = sqlite3_step(handle)
                        if code == SQLITE_DONE { break }
                        if code != SQLITE_ROW {
                            throw connection.error(code: code, sql: String(decoding: rest.prefix(consumed), as: UTF8.self))
                        }
                    }
                }
                guard consumed > 0 else { break }
                offset += consumed
            }
        }
    }

    /// The rowid of the most recent successful INSERT on this connection.
    package var lastInsertRowID: Int64 {
        get throws(SQLiteError) {
            if isServer { throw SQLiteError(.misuse("lastInsertRowID is SQLite's; use INSERT … RETURNING")) }
            return sqlite3_last_insert_rowid(try connection.requireHandle())
        }
    }

    /// `PRAGMA user_version`: the schema version that ``Migrator`` maintains.
    /// On PostgreSQL the version is the newest row of `ffb_schema_version` (0 before it exists).
    package var userVersion: Int {
        get throws(SQLiteError) {
            guard isServer else { return try firstRow("PRAGMA user_version")?.int(0) ?? 0 }
            guard try firstRow("SELECT to_regclass('ffb_schema_version') IS NOT NULL")?.bool(0) == true else { return 0 }
            return try firstRow("SELECT coalesce(max(version), 0) FROM ffb_schema_version")?.int(0) ?? 0
        }
    }

    /// Where a PostgreSQL store keeps its schema version (SQLite has `PRAGMA user_version`).
    package static let serverVersionTable =
        "CREATE TABLE IF NOT EXISTS ffb_schema_version (version BIGINT PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now())"

    func setUserVersion(_ version: Int) throws(SQLiteError) {
        if isServer {
            try executeScript(Self.serverVersionTable)
            try execute("INSERT INTO ffb_schema_version (version) VALUES (?)", [.integer(Int64(version))])
            return
        }
        // PRAGMA values cannot be bound; an Int renders as digits only.
        try execute("PRAGMA user_version = \(version)")
    }
}
