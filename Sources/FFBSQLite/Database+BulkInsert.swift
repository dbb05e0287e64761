extension Database {
    /// The most rows one statement of ``insertRows(into:columns:values:)`` carries.
    package static let maximumRowsPerInsert = 32

    /// Inserts rows given flat, row after row (`columns.count` values each), with multi-row
    /// `INSERT … VALUES (…), (…)` statements instead of one statement per row: a statement's fixed
    /// cost (binding, cursors, constraint setup, reset) is then paid once for many rows.
    ///
    /// Rows go in 32 at a time and the rest in one statement (70 rows: 32 + 32 + 6), so at most 32
    /// statement texts per table and column list reach the statement cache.
    /// `table` and `columns` are SQL names written by the program, never user input.
    package func insertRows(into table: String, columns: [String], values: [SQLiteValue]) throws(SQLiteError) {
        let width = columns.count
        guard width > 0, values.count.isMultiple(of: width) else {
            throw SQLiteError(.misuse("\(values.count) values do not make rows of \(width) columns for \(table)"))
        }
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        var start = 0
        var remaining = values.count / width
        while remaining > 0 {
            let rows = min(Self.maximumRowsPerInsert, remaining)
            let sql = head + Array(repeating: row, count: rows).joined(separator: ", ")
            let end = start + rows * width
            _ = try withCachedStatement(sql) { statement throws(SQLiteError) in try statement.execute(.positional(Array(values[start..<end]))) }
            start = end
            remaining -= rows
        }
    }
}
