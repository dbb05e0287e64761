import CSQLite
import FFBPostgres

/// One prepared SQL statement: bind values, step through rows, read columns.
///
/// A statement runs on SQLite (`handle`) or, for a store on a PostgreSQL server, through its
/// ``ServerStatement`` (`server`); every method below serves both, so the store's SQL and row
/// reading are written once.
///
/// Prepare once and reuse it in hot loops (``execute(_:)`` resets, binds and
/// runs in one call). Parameter positions are 1-based as in SQL (`?1`);
/// column indexes are 0-based as in SQLite's C API.
///
/// Like ``Database``, a statement belongs to the thread that uses its
/// connection and is deliberately not `Sendable`.
package final class Statement {
    /// The SQL text, for debugging. Holds placeholders, never bound values.
    package let sql: String
    /// The result column names, in order (on PostgreSQL, known once the statement has run).
    package var columnNames: [String] { server?.columnNames ?? sqliteColumnNames }
    let sqliteColumnNames: [String]
    /// How many parameters the statement takes (the largest `?NNN` index).
    package let parameterCount: Int

    let connection: Connection
    private(set) var handle: OpaquePointer?
    /// Set for a statement on a PostgreSQL server; `handle` is then nil.
    let server: ServerStatement?
    /// Set by the statement cache while a call is using this statement, so a
    /// re-entrant call with the same SQL gets a fresh statement instead.
    var isInUse = false
    /// Whether the last `step()` produced a row that the column getters may read.
    private(set) var hasRow = false

    /// Prepares exactly one SQL statement.
    init(connection: Connection, sql: String, persistent: Bool) throws(SQLiteError) {
        let handle: OpaquePointer = try sql.withUTF8Buffer { buffer throws(SQLiteError) in
            let (first, consumed) = try connection.prepareFirst(in: buffer, persistent: persistent)
            guard let first else {
                throw SQLiteError(.misuse("the SQL text holds no statement"), sql: sql)
            }
            let rest = UnsafeBufferPointer(rebasing: buffer[consumed...])
            do throws(SQLiteError) {
                let (second, _) = try connection.prepareFirst(in: rest, persistent: false)
                if let second {
                    sqlite3_finalize(second)
                    throw SQLiteError(.misuse("the SQL text holds more than one statement; use executeScript"), sql: sql)
                }
            } catch {
                sqlite3_finalize(first)
                throw error
            }
            return first
        }
        self.sql = sql
        self.connection = connection
        self.handle = handle
        self.server = nil
        self.parameterCount = Int(sqlite3_bind_parameter_count(handle))
        self.sqliteColumnNames = (0..<sqlite3_column_count(handle)).map { index in
            sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
        }
    }

    /// A statement for a PostgreSQL server: `?` placeholders are numbered as the server wants.
    init(server: PGConnection, connection: Connection, sql: String) throws(SQLiteError) {
        let statement = try ServerStatement(server: server, sql: sql)
        self.sql = sql
        self.connection = connection
        self.handle = nil
        self.server = statement
        self.parameterCount = statement.parameterCount
        self.sqliteColumnNames = []
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Releases the statement now rather than when the last reference goes.
    /// Any later use throws ``SQLiteError/Kind/misuse(_:)``.
    package func finalize() {
        server?.reset()
        sqlite3_finalize(handle)
        handle = nil
        hasRow = false
    }

    func requireHandle() throws(SQLiteError) -> OpaquePointer {
        guard connection.isOpen, let handle else {
            throw SQLiteError(.misuse("the statement is finalized or its database is closed"), sql: sql)
        }
        return handle
    }

    func error(code: Int32) -> SQLiteError {
        connection.error(code: code, sql: sql)
    }

    /// Advances to the next row.
    ///
    /// - Returns: true when a row is available for the column getters, false
    ///   when the statement has finished.
    package func step() throws(SQLiteError) -> Bool {
        if let server {
            hasRow = try server.step()
            return hasRow
        }
        let handle = try requireHandle()
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW:
            hasRow = true
            return true
        case SQLITE_DONE:
            hasRow = false
            return false
        default:
            hasRow = false
            throw error(code: code)
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    package func reset() {
        hasRow = false
        server?.reset()
        // The return value repeats the last step's error, which was already thrown.
        if let handle { sqlite3_reset(handle) }
    }

    /// Sets every parameter back to NULL, so bound personal data does not
    /// linger in the statement between uses.
    package func clearBindings() {
        server?.clearBindings()
        if let handle { sqlite3_clear_bindings(handle) }
    }

    /// Resets, binds, runs to completion and resets again.
    ///
    /// - Returns: the rows inserted, updated or deleted directly by this
    ///   statement (not by triggers); 0 for statements that change no rows.
    @discardableResult
    package func execute(_ bindings: SQLiteBindings = .none) throws(SQLiteError) -> Int {
        if let server {
            reset()
            defer {
                reset()
                clearBindings()
            }
            try bind(bindings)
            return try server.run()
        }
        let database = try connection.requireHandle()
        reset()
        defer {
            reset()
            clearBindings()
        }
        try bind(bindings)
        // sqlite3_changes keeps the count of the last INSERT/UPDATE/DELETE, so
        // a DDL or SELECT would otherwise report a stale number.
        let totalBefore = sqlite3_total_changes64(database)
        while try step() {}
        return sqlite3_total_changes64(database) == totalBefore ? 0 : Int(sqlite3_changes64(database))
    }

    /// Resets, binds and calls `body` for each row; the row view is only valid
    /// inside `body`, which reads it and so throws what reading throws.
    package func forEachRow(_ bindings: SQLiteBindings = .none, _ body: (Statement) throws(SQLiteError) -> Void) throws(SQLiteError) {
        reset()
        defer {
            reset()
            clearBindings()
        }
        try bind(bindings)
        while try step() {
            try body(self)
        }
    }

    /// Resets, binds and collects every row.
    package func rows(_ bindings: SQLiteBindings = .none) throws(SQLiteError) -> [Row] {
        var rows: [Row] = []
        try forEachRow(bindings) { statement throws(SQLiteError) in
            rows.append(try statement.currentRow())
        }
        return rows
    }
}
