/// Typed access to the columns of one result row, shared by a materialized
/// ``Row`` and a ``Statement`` positioned on a row.
///
/// Every getter throws ``SQLiteError/Kind/typeMismatch(column:expected:found:)``
/// when the stored value does not fit, and only the `optional…` getters accept
/// NULL. Column indexes are 0-based.
package protocol RowReading {
    /// The result column names, in order.
    var columnNames: [String] { get }
    /// The stored value of column `index`.
    func value(at index: Int) throws(SQLiteError) -> SQLiteValue
}

extension RowReading {
    /// The value of column `index` as `T`.
    package func get<T: SQLiteValueConvertible>(_ index: Int, as type: T.Type = T.self) throws(SQLiteError) -> T {
        let value = try value(at: index)
        guard let converted = T(sqliteValue: value) else {
            let name = columnNames.indices.contains(index) ? columnNames[index] : String(index)
            throw SQLiteError(.typeMismatch(column: name, expected: String(describing: T.self), found: value.storageClass))
        }
        return converted
    }

    /// The value of the first column called `name` as `T`.
    package func get<T: SQLiteValueConvertible>(_ name: String, as type: T.Type = T.self) throws(SQLiteError) -> T {
        guard let index = columnNames.firstIndex(of: name) else {
            throw SQLiteError(.misuse("the result has no column named \(name)"))
        }
        return try get(index, as: type)
    }

    /// Whether column `index` is NULL.
    package func isNull(_ index: Int) throws(SQLiteError) -> Bool { try value(at: index).isNull }

    /// Column `index` as an `Int`; INTEGER only.
    package func int(_ index: Int) throws(SQLiteError) -> Int { try get(index) }
    /// Column `index` as an `Int64`; INTEGER only.
    package func int64(_ index: Int) throws(SQLiteError) -> Int64 { try get(index) }
    /// Column `index` as a `Double`; REAL or INTEGER.
    package func double(_ index: Int) throws(SQLiteError) -> Double { try get(index) }
    /// Column `index` as a `String`; TEXT only.
    package func string(_ index: Int) throws(SQLiteError) -> String { try get(index) }
    /// Column `index` as a `Bool`; the INTEGER 0 or 1 only.
    package func bool(_ index: Int) throws(SQLiteError) -> Bool { try get(index) }
    /// Column `index` as bytes; BLOB only.
    package func blob(_ index: Int) throws(SQLiteError) -> [UInt8] { try get(index) }

    /// Column `index` as an `Int`, or nil for NULL.
    package func optionalInt(_ index: Int) throws(SQLiteError) -> Int? { try get(index) }
    /// Column `index` as an `Int64`, or nil for NULL.
    package func optionalInt64(_ index: Int) throws(SQLiteError) -> Int64? { try get(index) }
    /// Column `index` as a `Double`, or nil for NULL.
    package func optionalDouble(_ index: Int) throws(SQLiteError) -> Double? { try get(index) }
    /// Column `index` as a `String`, or nil for NULL.
    package func optionalString(_ index: Int) throws(SQLiteError) -> String? { try get(index) }
    /// Column `index` as a `Bool`, or nil for NULL.
    package func optionalBool(_ index: Int) throws(SQLiteError) -> Bool? { try get(index) }
    /// Column `index` as bytes, or nil for NULL.
    package func optionalBlob(_ index: Int) throws(SQLiteError) -> [UInt8]? { try get(index) }
}
