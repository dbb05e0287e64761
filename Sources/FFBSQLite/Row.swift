/// One result row, copied out of SQLite so it can outlive the statement.
public struct Row: Sendable, Hashable, RowReading {
    /// The result column names, in order.
    public let columnNames: [String]
    /// The stored values, in column order.
    public let values: [SQLiteValue]

    public init(columnNames: [String], values: [SQLiteValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    public func value(at index: Int) throws(SQLiteError) -> SQLiteValue {
        guard values.indices.contains(index) else {
            throw SQLiteError(.misuse("column \(index) is out of range 0..<\(values.count)"))
        }
        return values[index]
    }
}
