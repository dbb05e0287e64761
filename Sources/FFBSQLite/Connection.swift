import CSQLite

/// Owns the `sqlite3` handle.
///
/// Statements keep the connection alive rather than the ``Database``, so the
/// statement cache inside `Database` forms no reference cycle, and a statement
/// that outlives `Database.close()` can still finalize against a valid handle
/// (`sqlite3_close_v2` keeps the handle as a zombie until then).
final class Connection {
    private(set) var handle: OpaquePointer?

    private init(handle: OpaquePointer?) {
        self.handle = handle
    }

    /// No SQLite connection: the placeholder a database on a PostgreSQL server holds.
    static var none: Connection { Connection(handle: nil) }

    deinit {
        close()
    }

    static func open(path: String, flags: Int32) throws(SQLiteError) -> Connection {
        var handle: OpaquePointer?
        let code = sqlite3_open_v2(path, &handle, flags | SQLITE_OPEN_EXRESCODE, nil)
        guard code == SQLITE_OK, let handle else {
            // sqlite3_open_v2 allocates a handle even on failure; it carries the message.
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: message)
        }
        return Connection(handle: handle)
    }

    var isOpen: Bool { handle != nil }

    func requireHandle() throws(SQLiteError) -> OpaquePointer {
        guard let handle else { throw SQLiteError(.misuse("the database is closed")) }
        return handle
    }

    func close() {
        guard let handle else { return }
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    /// The error for a failed call, with SQLite's current message for this connection.
    func error(code: Int32, sql: String?) -> SQLiteError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        return SQLiteError(code: code, message: message, sql: sql)
    }
}

extension Connection {
    /// Prepares the first SQL statement in `text`.
    ///
    /// Returns the statement handle (nil when `text` holds only whitespace or
    /// comments) and how many UTF-8 bytes of `text` it consumed, so scripts can
    /// be run one statement at a time: a later statement may only compile after
    /// an earlier one has created its table.
    func prepareFirst(in text: UnsafeBufferPointer<UInt8>, persistent: Bool) throws(SQLiteError) -> (OpaquePointer?, consumed: Int) {
        let handle = try requireHandle()
        guard let base = text.baseAddress, !text.isEmpty else { return (nil, 0) }
        guard let length = Int32(exactly: text.count) else {
            throw SQLiteError(.misuse("SQL text is too long"))
        }
        let start = UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self)
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sqlite3_prepare_v3(handle, start, length, flags, &statement, &tail)
        guard code == SQLITE_OK else {
            sqlite3_finalize(statement)
            throw error(code: code, sql: String(decoding: text, as: UTF8.self))
        }
        let consumed = tail.map { $0 - start } ?? text.count
        return (statement, consumed)
    }
}
