import FFBParallel
import FFBSQLite
import Foundation

/// `ffb store copy`: a whole store into an empty one, SQLite ↔ PostgreSQL either way, as one
/// transaction on the target (all or nothing). Every row keeps its ids, and each table's rows go
/// in in the order they were written, so row ids, the audit chain and every view come out the
/// same; the counts are compared at the end.
extension Store {
    /// The tables copied, in an order where each comes after the ones it refers to, with their
    /// columns and the order their rows were written in. `store_seal` is each store's own.
    static func copiedTables() throws(SQLiteError) -> [(name: String, columns: [String], order: String)] {
        try Schema.inMemory(through: Schema.latestVersion) { schema throws(SQLiteError) in
            try Schema.serverTables(of: schema).filter { $0.name != "store_seal" }.map { table throws(SQLiteError) in
                var columns: [String] = [], key: [(position: Int, name: String)] = []
                for row in try schema.query("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", [.text(table.name)]) {
                    columns.append(try row.string(0))
                    if try row.int(1) > 0 { key.append((try row.int(1), try row.string(0))) }
                }
                let keyOrder = key.sorted { $0.position < $1.position }.map { PostgresTable.quoted($0.name) }.joined(separator: ", ")
                let withoutRowID = try schema.firstRow("SELECT wr FROM pragma_table_list WHERE name = ?", [.text(table.name)])?.bool(0) ?? false
                return (table.name, columns, withoutRowID ? keyOrder : "rowid")
            }
        }
    }

    /// Copies every record of `source` into this store, which must hold none yet. Returns the
    /// rows copied per table.
    package func copy(from source: Store, progress: WorkProgress) throws(StoreError) -> [(table: String, rows: Int)] {
        try StoreError.mapping { () throws(SQLiteError) in
            let tables = try Self.copiedTables()
            return try source.database.transaction(.deferred) { from throws(SQLiteError) in
                var total = 0
                for table in tables { total += try from.firstRow("SELECT count(*) FROM \(table.name)")?.int(0) ?? 0 }
                progress.start(total: total)
                return try database.transaction(.immediate) { to throws(SQLiteError) -> [(table: String, rows: Int)] in
                    if try to.firstRow("SELECT count(*) FROM writes")?.int(0) != 0 {
                        throw SQLiteError(.misuse("the target store already holds records; copy into a new, empty store"))
                    }
                    // The audit trail keeps its writers' names: the server lets its owner copy them.
                    if to.isServer { try to.execute("SELECT set_config('ffb.copy', 'on', true)") }
                    var copied: [(table: String, rows: Int)] = []
                    for table in tables {
                        let columns = table.columns.map(PostgresTable.quoted)
                        var batch: [SQLiteValue] = []
                        var rows = 0
                        try from.forEach("SELECT \(columns.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.order)") { row throws(SQLiteError) in
                            for index in columns.indices { batch.append(try row.value(at: index)) }
                            rows += 1
                            if batch.count >= 512 * columns.count {
                                try to.insertRows(into: table.name, columns: columns, values: batch)
                                progress.advance(by: batch.count / columns.count)
                                batch.removeAll(keepingCapacity: true)
                            }
                        }
                        if !batch.isEmpty {
                            try to.insertRows(into: table.name, columns: columns, values: batch)
                            progress.advance(by: batch.count / columns.count)
                        }
                        // An identity column (an integer key) continues after the copied ids.
                        if to.isServer, table.columns.contains("id"),
                           let sequence = try to.firstRow("SELECT pg_get_serial_sequence(?, 'id')", [.text(table.name)])?.optionalString(0) {
                            try to.execute("SELECT setval(?::regclass, coalesce(max(id), 1), max(id) IS NOT NULL) FROM \(table.name)", [.text(sequence)])
                        }
                        let landed = try to.firstRow("SELECT count(*) FROM \(table.name)")?.int(0) ?? -1
                        guard landed == rows else {
                            throw SQLiteError(.misuse("\(table.name): \(rows) rows read but \(landed) in the target; nothing was copied"))
                        }
                        copied.append((table.name, rows))
                    }
                    return copied
                }
            }
        }
    }
}
