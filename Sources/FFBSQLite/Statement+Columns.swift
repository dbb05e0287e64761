import CSQLite

extension Statement: RowReading {
    /// The value of column `index` in the current row.
    ///
    /// Only valid after ``step()`` returned true.
    package func value(at index: Int) throws(SQLiteError) -> SQLiteValue {
        let handle = try requireHandle()
        guard hasRow else {
            throw SQLiteError(.misuse("the statement is not positioned on a row"), sql: sql)
        }
        guard columnNames.indices.contains(index) else {
            throw SQLiteError(.misuse("column \(index) is out of range 0..<\(columnNames.count)"), sql: sql)
        }
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, column))
        case SQLITE_TEXT:
            // Text before bytes: the byte count must describe the UTF-8 form.
            let text = sqlite3_column_text(handle, column)
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let text else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
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
