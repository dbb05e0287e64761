import FFBCatalog
import FFBSQLite
import Foundation

/// The rows a record owns in a child table (an order's services and target groups, a goal's
/// secondary themes, a follow-up's goal notes), read the way the caller reads records: one query
/// per record, or, for a read of every record in the store, all of them in one pass of the table
/// grouped by record, so a whole-store read costs a query per table instead of one per record.
struct ChildRows<Value> {
    private let perRecord: Statement?
    /// By the record's id, parsed from the row's bytes: no string made, hashed or compared per row.
    private let grouped: [UUID: [Value]]
    private let decode: (Statement) throws(SQLiteError) -> Value

    /// `columns` of the rows of `table` whose `record` column holds the record's id, in `order` (an
    /// integer column) within a record; `decode` reads one row's columns (from column 0).
    init(
        _ database: Database, _ columns: String, from table: String, record: String, order: String, everyRecord: Bool,
        decode: @escaping (Statement) throws(SQLiteError) -> Value
    ) throws(SQLiteError) {
        self.decode = decode
        guard everyRecord else {
            perRecord = try database.prepare("SELECT \(columns) FROM \(table) WHERE \(record) = ? ORDER BY \(order)")
            grouped = [:]
            return
        }
        perRecord = nil
        // The whole table in its own order (no walk of its key index with a row lookup per
        // entry), then each record's rows put in `order`: they are usually in it already.
        // The record's id and order come last, so `decode` reads the same columns in both queries.
        var rows: [UUID: [(order: Int64, value: Value)]] = [:]
        try database.forEach("SELECT \(columns), \(record), \(order) FROM \(table)") { (row: Statement) throws(SQLiteError) in
            let count = row.columnNames.count
            // A row whose record id is not an id belongs to no record that can be asked for.
            guard let id = try row.withText(count - 2, { UUID(hyphenatedHex: $0) }) else { return }
            rows[id, default: []].append((try row.int64(count - 1), try decode(row)))
        }
        grouped = rows.mapValues { rows in rows.sorted { $0.order < $1.order }.map(\.value) }
    }

    /// The rows of the record with this id, in order.
    func of(_ id: UUID) throws(SQLiteError) -> [Value] {
        guard let perRecord else { return grouped[id] ?? [] }
        var values: [Value] = []
        try perRecord.forEachRow([.text(id.storeText)]) { (row: Statement) throws(SQLiteError) in values.append(try decode(row)) }
        return values
    }
}
