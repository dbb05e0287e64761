/// One result row, copied out of SQLite so it can outlive the statement.
package struct Row: Sendable, Hashable, RowReading {
    /// The result column names, in order.
    package let columnNames: [String]
    /// The stored values, in column order.
    package let values: [SQLiteValue]

    package func value(at index: Int) throws(SQLiteError) -> SQLiteValue {
        guard values.indices.contains(index) else {
            throw SQLiteError(.misuse("column \(index) is out of range 0..<\(values.count)"))
        }
        return values[index]
    }
}
