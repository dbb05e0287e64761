import CSQLite

extension Statement: RowReading {
    /// The value of column `index` in the current row.
    ///
    /// Only valid after ``step()`` returned true.
    package func value(at index: Int) throws(SQLiteError) -> SQLiteValue {
        if let server { return try server.value(at: index, sql: sql) }
        let handle = try requireHandle()
        guard hasRow else {
            throw SQLiteError(.misuse("the statement is not positioned on a row"), sql: sql)
        }
        guard sqliteColumnNames.indices.contains(index) else {
            throw SQLiteError(.misuse("column \(index) is out of range 0..<\(sqliteColumnNames.count)"), sql: sql)
        }
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            return .text(String(decoding: Self.textBytes(handle, column), as: UTF8.self))
        case SQLITE_BLOB:
            let bytes = sqlite3_column_blob(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let bytes else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    /// A copy of the current row that outlives the next ``step()``.
    package func currentRow() throws(SQLiteError) -> Row {
        Row(columnNames: columnNames, values: try columnNames.indices.map { index throws(SQLiteError) in try value(at: index) })
    }
}

/// Typed getters that read the current row in place: no copied `Row`, no `SQLiteValue`, no
/// generic dispatch. They shadow `RowReading`'s getters wherever the row is a `Statement` (the
/// cursor `Database.forEach` hands out), which is what makes a whole-store pass cheap per row.
/// Same rules and errors as `RowReading`: strict storage classes, NULL only for `optional…`.
extension Statement {
    package func int64(_ index: Int) throws(SQLiteError) -> Int64 {
        if let server { return try serverRequired(server.integer(index, expected: "Int64", sql: sql), index, "Int64") }
        let handle = try column(index, holding: SQLITE_INTEGER, expected: "Int64")
        return sqlite3_column_int64(handle, Int32(index))
    }

    package func optionalInt64(_ index: Int) throws(SQLiteError) -> Int64? {
        if let server { return try server.integer(index, expected: "Int64", sql: sql) }
        guard let handle = try column(index, holdingOrNull: SQLITE_INTEGER, expected: "Int64") else { return nil }
        return sqlite3_column_int64(handle, Int32(index))
    }

    package func int(_ index: Int) throws(SQLiteError) -> Int {
        if let server { return Int(try serverRequired(server.integer(index, expected: "Int", sql: sql), index, "Int")) }
        let handle = try column(index, holding: SQLITE_INTEGER, expected: "Int")
        return Int(sqlite3_column_int64(handle, Int32(index)))
    }

    package func optionalInt(_ index: Int) throws(SQLiteError) -> Int? {
        if let server { return try server.integer(index, expected: "Int", sql: sql).map { Int($0) } }
        guard let handle = try column(index, holdingOrNull: SQLITE_INTEGER, expected: "Int") else { return nil }
        return Int(sqlite3_column_int64(handle, Int32(index)))
    }

    package func bool(_ index: Int) throws(SQLiteError) -> Bool {
        let integer: Int64
        if let server {
            integer = try serverRequired(server.integer(index, expected: "Bool", sql: sql), index, "Bool")
        } else {
            integer = sqlite3_column_int64(try column(index, holding: SQLITE_INTEGER, expected: "Bool"), Int32(index))
        }
        switch integer {
        case 0: return false
        case 1: return true
        default: throw SQLiteError(.typeMismatch(column: columnNames[index], expected: "Bool", found: "INTEGER"))
        }
    }

    package func string(_ index: Int) throws(SQLiteError) -> String {
        if let server { return String(decoding: try serverRequired(server.textBytes(index, sql: sql), index, "String"), as: UTF8.self) }
        let handle = try column(index, holding: SQLITE_TEXT, expected: "String")
        return Self.text(handle, Int32(index))
    }

    package func optionalString(_ index: Int) throws(SQLiteError) -> String? {
        if let server { return try server.textBytes(index, sql: sql).map { String(decoding: $0, as: UTF8.self) } }
        guard let handle = try column(index, holdingOrNull: SQLITE_TEXT, expected: "String") else { return nil }
        return Self.text(handle, Int32(index))
    }

    /// The UTF-8 bytes of a TEXT column, valid only inside `body` (dates and codes parsed without
    /// making a `String`).
    package func withText<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws(SQLiteError) -> Result {
        if let server { return body(try serverRequired(server.textBytes(index, sql: sql), index, "String")) }
        return body(Self.textBytes(try column(index, holding: SQLITE_TEXT, expected: "String"), Int32(index)))
    }

    /// `withText` of a column that may be NULL: nil for NULL, without calling `body`.
    package func withOptionalText<Result>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws(SQLiteError) -> Result? {
        if let server { return try server.textBytes(index, sql: sql).map(body) }
        guard let handle = try column(index, holdingOrNull: SQLITE_TEXT, expected: "String") else { return nil }
        return body(Self.textBytes(handle, Int32(index)))
    }

    /// A server value that must not be NULL.
    private func serverRequired<T>(_ value: T?, _ index: Int, _ expected: String) throws(SQLiteError) -> T {
        guard let value else { throw SQLiteError(.typeMismatch(column: columnNames[index], expected: expected, found: "NULL")) }
        return value
    }

    private static func text(_ handle: OpaquePointer, _ column: Int32) -> String {
        String(decoding: textBytes(handle, column), as: UTF8.self)
    }

    /// The UTF-8 bytes of a TEXT column of the current row, valid until the next step (empty for
    /// an empty text). The one place they are read: text before bytes, so that the byte count
    /// describes the UTF-8 form.
    fileprivate static func textBytes(_ handle: OpaquePointer, _ column: Int32) -> UnsafeBufferPointer<UInt8> {
        let text = sqlite3_column_text(handle, column)
        return UnsafeBufferPointer(start: text, count: text == nil ? 0 : Int(sqlite3_column_bytes(handle, column)))
    }

    /// The handle, once the statement is on a row, `index` is a column and it holds `type`.
    private func column(_ index: Int, holding type: Int32, expected: String) throws(SQLiteError) -> OpaquePointer {
        guard let handle = try column(index, holdingOrNull: type, expected: expected) else {
            throw SQLiteError(.typeMismatch(column: columnNames[index], expected: expected, found: "NULL"))
        }
        return handle
    }

    /// As `column(_:holding:expected:)`, but nil for NULL.
    private func column(_ index: Int, holdingOrNull type: Int32, expected: String) throws(SQLiteError) -> OpaquePointer? {
        // The checks in one condition and the failure built elsewhere: this runs for every
        // column of every row a whole-store pass reads.
        if connection.isOpen, let handle, hasRow, index >= 0, index < sqliteColumnNames.count {
            let found = sqlite3_column_type(handle, Int32(index))
            if found == type { return handle }
            if found == SQLITE_NULL { return nil }
        }
        throw columnFailure(index, expected: expected)
    }

    /// Why column `index` could not be read as `expected` (the checks of `column(_:holdingOrNull:expected:)`, in order).
    @inline(never)
    fileprivate func columnFailure(_ index: Int, expected: String) -> SQLiteError {
        do {
            _ = try requireHandle()
        } catch {
            return error
        }
        guard hasRow else { return SQLiteError(.misuse("the statement is not positioned on a row"), sql: sql) }
        guard index >= 0, index < columnNames.count else {
            return SQLiteError(.misuse("column \(index) is out of range 0..<\(columnNames.count)"), sql: sql)
        }
        let found = (try? value(at: index).storageClass) ?? "NULL"
        return SQLiteError(.typeMismatch(column: columnNames[index], expected: expected, found: found))
    }
}

/// The current row's columns for the inner loop of a whole-store pass (millions of rows): the
/// same storage-class rules and errors as the getters above, but what holds for the whole row
/// (an open statement positioned on a row) is checked once, in `withColumns`, not per column,
/// and a failure is built off the hot path.
extension Statement {
    /// Not generic (a generic call across modules is not specialized): the body keeps what it reads.
    /// On a PostgreSQL server the columns are read through the statement's own getters.
    package func withColumns(_ body: (Columns) throws(SQLiteError) -> Void) throws(SQLiteError) {
        guard hasRow else { throw SQLiteError(.misuse("the statement is not positioned on a row"), sql: sql) }
        let handle = server == nil ? try requireHandle() : nil
        try withExtendedLifetime(self) { () throws(SQLiteError) in
            try body(Columns(handle: handle, statement: self))
        }
    }

    /// Read only inside `withColumns`' body, while the row is current.
    package struct Columns {
        /// Nil on a server.
        fileprivate let handle: OpaquePointer?
        fileprivate unowned(unsafe) let statement: Statement

        package func int64(_ index: Int32) throws(SQLiteError) -> Int64 {
            guard let handle else { return try statement.int64(Int(index)) }
            guard sqlite3_column_type(handle, index) == SQLITE_INTEGER else { throw statement.columnFailure(Int(index), expected: "Int64") }
            return sqlite3_column_int64(handle, index)
        }

        package func optionalInt64(_ index: Int32) throws(SQLiteError) -> Int64? {
            guard let handle else { return try statement.optionalInt64(Int(index)) }
            switch sqlite3_column_type(handle, index) {
            case SQLITE_INTEGER: return sqlite3_column_int64(handle, index)
            case SQLITE_NULL where index >= 0 && Int(index) < statement.sqliteColumnNames.count: return nil
            default: throw statement.columnFailure(Int(index), expected: "Int64")
            }
        }

        package func withText(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(SQLiteError) {
            guard let handle else { return try statement.withText(Int(index), body) }
            guard sqlite3_column_type(handle, index) == SQLITE_TEXT else { throw statement.columnFailure(Int(index), expected: "String") }
            body(Statement.textBytes(handle, index))
        }
    }
}
