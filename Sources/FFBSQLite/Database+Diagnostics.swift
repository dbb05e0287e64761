import Foundation

extension Database {
    /// `PRAGMA integrity_check`: `["ok"]` for a sound store, otherwise one
    /// line per problem found.
    package func integrityCheck() throws(SQLiteError) -> [String] {
        try query("PRAGMA integrity_check").map { row throws(SQLiteError) in try row.string(0) }
    }

    /// How SQLite would run `sql` (`EXPLAIN QUERY PLAN`): one line per step, indented two spaces
    /// per level of nesting, as "SEARCH c USING INDEX sqlite_autoindex_citizens_1 (pseudonym=?)"
    /// or "SCAN w". Parameters stay unbound; SQLite plans without their values.
    package func queryPlan(_ sql: String) throws(SQLiteError) -> [String] {
        let statement = try Statement(connection: connection, sql: "EXPLAIN QUERY PLAN " + sql, persistent: false)
        var depths: [Int64: Int] = [:]
        var lines: [String] = []
        while try statement.step() {
            let depth = depths[try statement.int64(1)].map { $0 + 1 } ?? 0
            depths[try statement.int64(0)] = depth
            lines.append(String(repeating: "  ", count: depth) + (try statement.string(3)))
        }
        return lines
    }

    /// A deterministic text rendering of the whole store: `user_version`, the
    /// schema, and every table's rows in rowid order (primary-key order for
    /// WITHOUT ROWID tables). Two stores with equal dumps hold the same data,
    /// which lets tests prove that a failed command changed nothing.
    ///
    /// The dump contains all personal data in the store; never log it.
    package func logicalDump() throws(SQLiteError) -> String {
        if isServer { return try serverDump() }
        var lines = ["user_version \(try userVersion)"]
        let schema = try query("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
        for entry in schema {
            let sql = try entry.optionalString(3).map { ": " + $0 } ?? ""
            lines.append("schema \(try entry.string(0)) \(try entry.string(1)) on \(try entry.string(2))\(sql)")
        }
        let tables = try query("""
            SELECT name, wr FROM pragma_table_list
            WHERE schema = 'main' AND type = 'table' AND name NOT IN ('sqlite_schema', 'sqlite_temp_schema')
            ORDER BY name
            """)
        for table in tables {
            let name = try table.string(0)
            let withoutRowID = try table.bool(1)
            let quoted = quoteIdentifier(name)
            let sql = withoutRowID
                ? "SELECT * FROM \(quoted) ORDER BY \(try primaryKeyOrder(of: name))"
                : "SELECT _rowid_, * FROM \(quoted) ORDER BY _rowid_"
            lines.append("rows \(name)")
            try forEach(sql) { row throws(SQLiteError) in
                let values = try row.currentRow().values
                lines.append("  (" + values.map(Self.literal).joined(separator: ", ") + ")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `logicalDump` of a server's database: every table's rows, ordered by their text.
    private func serverDump() throws(SQLiteError) -> String {
        var lines: [String] = []
        let tables = try query("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
        for table in tables {
            let quoted = quoteIdentifier(try table.string(0))
            lines.append("rows \(try table.string(0))")
            try forEach("SELECT * FROM \(quoted) t ORDER BY t::text") { row throws(SQLiteError) in
                lines.append("  (" + (try row.currentRow().values).map(Self.literal).joined(separator: ", ") + ")")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func primaryKeyOrder(of table: String) throws(SQLiteError) -> String {
        let columns = try query("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk", [.text(table)])
        return try columns.map { column throws(SQLiteError) in quoteIdentifier(try column.string(0)) }.joined(separator: ", ")
    }

    private func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// An unambiguous SQL-literal rendering: text is quoted, blobs are hex.
    private static func literal(_ value: SQLiteValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let integer): String(integer)
        case .real(let real): "\(real)"
        case .text(let text): "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let bytes): "X'" + bytes.map { byteHex($0) }.joined() + "'"
        }
    }

    private static func byteHex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
