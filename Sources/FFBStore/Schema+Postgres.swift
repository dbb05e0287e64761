import FFBSQLite
import Foundation

/// The store's schema on a PostgreSQL server, made from the SQLite schema so that the two
/// cannot drift: the migrations above are the one definition; this builds them in memory and
/// writes each table and index again in PostgreSQL's terms.
///
/// - `INTEGER` is `BIGINT`, `BLOB` is `BYTEA`, `TEXT` compares bytewise (`COLLATE "C"`) as SQLite's
///   does, so every `ORDER BY` gives the same order on both.
/// - An `INTEGER PRIMARY KEY` is an identity column. A table with SQLite row ids gets a `rowid`
///   column (the key itself, or an identity), so the store's SQL, which orders by write order
///   with `rowid`, runs unchanged.
/// - Every key is named after its columns the way SQLite lists them in a failed constraint
///   (`"goals.series_id, goals.version"`), so a refused key reads the same on both.
/// - Append-only: one trigger function refuses UPDATE, DELETE and TRUNCATE on every table, with
///   SQLite's words and SQLSTATE `FF001` (the store's own class, read as a trigger refusal).
/// - The audit trail names the database role that wrote: an insert into `writes` naming anyone
///   else is refused.
extension Schema {
    /// SQLSTATE of the store's own refusals on PostgreSQL (class FF is free for applications).
    static let postgresRefusalState = "FF001"

    /// The schema version a new server store is made at, in one step (the first with a server
    /// backend). A later SQLite migration needs a server migration of its own in
    /// `serverMigrations` (`ServerSchemaTests` fails until it has one).
    static let serverBaseVersion = accessLogVersion

    /// The migrations of a store on a PostgreSQL server.
    static func serverMigrations() -> [Migration] {
        [Migration(version: serverBaseVersion) { database throws(SQLiteError) in
            try database.executeScript(Database.serverVersionTable)
            try database.executeScript(try postgresScript(through: serverBaseVersion))
            var columns: [String: [String]] = [:]
            try database.forEach("""
                SELECT table_name::text, column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
                """) { row throws(SQLiteError) in
                columns[try row.string(0), default: []].append(try row.string(1))
            }
            try database.executeScript(postgresAccessScript(columns: columns))
        }, Migration(version: scopesVersion) { database throws(SQLiteError) in
            try database.executeScript(serverScopesScript)
        }]
    }

    static func serverMigrator() throws(SQLiteError) -> Migrator {
        try Migrator(serverMigrations())
    }

    /// `body` run on an in-memory SQLite store migrated to `version` (the schema as this ffb makes it).
    static func inMemory<T>(through version: Int, _ body: (Database) throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        let database = try Database.inMemory()
        defer { database.close() }
        try migrator(through: version).migrate(database)
        return try body(database)
    }

    /// The tables of `database`'s schema written for PostgreSQL, each after the tables it refers to.
    static func serverTables(of database: Database) throws(SQLiteError) -> [PostgresTable] {
        let tables = try database.query("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY rowid")
            .map { row throws(SQLiteError) in try PostgresTable(sqlite: row.string(1), name: row.string(0)) }
        return PostgresTable.inReferenceOrder(tables)
    }

    /// The whole schema at `version`, as one script.
    static func postgresScript(through version: Int) throws(SQLiteError) -> String {
        try inMemory(through: version) { database throws(SQLiteError) in try postgresScript(database) }
    }

    private static func postgresScript(_ database: Database) throws(SQLiteError) -> String {
        let indexes = try database.query("SELECT sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY rowid")
            .map { row throws(SQLiteError) in try row.string(0) }
        var script = [postgresRefusalFunction, postgresAuditFunction]
        for table in try serverTables(of: database) {
            script.append(table.definition)
            script.append("""
                CREATE TRIGGER \(table.name)_append_only BEFORE UPDATE OR DELETE ON \(table.name) FOR EACH ROW EXECUTE FUNCTION ffb_refuse_change();
                CREATE TRIGGER \(table.name)_no_truncate BEFORE TRUNCATE ON \(table.name) FOR EACH STATEMENT EXECUTE FUNCTION ffb_refuse_change();
                """)
        }
        script += try indexes.map(postgresIndex)
        script.append("CREATE TRIGGER writes_role BEFORE INSERT ON writes FOR EACH ROW EXECUTE FUNCTION ffb_audit_role();")
        script.append("CREATE TRIGGER access_log_role BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION ffb_audit_role();")
        return script.joined(separator: "\n")
    }

    private static let postgresRefusalFunction = """
        CREATE FUNCTION ffb_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION USING ERRCODE = '\(postgresRefusalState)',
                MESSAGE = format('append-only: %s rows are never %s', TG_TABLE_NAME, CASE TG_OP WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END);
        END $$;
        """

    private static let postgresAuditFunction = """
        CREATE FUNCTION ffb_audit_role() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            -- The owner copying a store (ffb store copy) keeps its writers' names.
            IF NEW."user" IS DISTINCT FROM session_user::text
               AND NOT (coalesce(current_setting('ffb.copy', true), '') = 'on'
                        AND pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER')) THEN
                RAISE EXCEPTION USING ERRCODE = '\(postgresRefusalState)',
                    MESSAGE = 'the audit trail names the database role that writes: ' || session_user;
            END IF;
            RETURN NEW;
        END $$;
        """

    /// `CREATE [UNIQUE] INDEX name ON table(columns) [WHERE …]`, a unique one named after its columns.
    static func postgresIndex(_ sql: String) throws(SQLiteError) -> String {
        let words = sql.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard words.count >= 5, words[0] == "CREATE", sql.contains(" ON ") else {
            throw SQLiteError(.misuse("cannot translate index: \(sql)"))
        }
        let unique = words[1] == "UNIQUE"
        guard unique, let on = sql.range(of: " ON "), let open = sql[on.upperBound...].firstIndex(of: "("),
              let close = sql[open...].firstIndex(of: ")") else { return sql + ";" }
        let table = sql[on.upperBound..<open].trimmingCharacters(in: .whitespaces)
        let columns = sql[sql.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return "CREATE UNIQUE INDEX \(PostgresTable.keyName(table, columns)) ON " + sql[on.upperBound...] + ";"
    }
}

/// One table of the SQLite schema written for PostgreSQL.
struct PostgresTable {
    let name: String
    let definition: String
    /// The tables its columns refer to.
    let references: Set<String>

    init(sqlite sql: String, name: String) throws(SQLiteError) {
        guard let open = sql.firstIndex(of: "("), let close = sql.lastIndex(of: ")") else {
            throw SQLiteError(.misuse("cannot translate table \(name)"))
        }
        let withoutRowID = sql[close...].uppercased().contains("WITHOUT ROWID")
        let body = sql[sql.index(after: open)..<close].split(separator: "\n")
            .map { line in line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            .joined(separator: "\n")
        var items: [String] = []
        var references: Set<String> = []
        var integerKey: String?
        for item in Self.topLevelItems(body) {
            let words = item.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            guard let first = words.first else { continue }
            if let referenced = Self.referencedTable(item) { references.insert(referenced) }
            switch first.uppercased() {
            case "UNIQUE", "PRIMARY":
                let columns = Self.parenthesised(item).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                items.append("CONSTRAINT \(Self.keyName(name, columns)) \(item)")
            case "CHECK", "FOREIGN", "CONSTRAINT":
                items.append(item)
            default:
                let column = first.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                let type = words.count > 1 ? words[1].uppercased() : ""
                var rest = words.dropFirst(2).joined(separator: " ")
                let isKey = rest.uppercased().hasPrefix("PRIMARY KEY")
                if isKey, type == "INTEGER" { integerKey = column }
                let serverType = switch type {
                case "INTEGER": isKey ? "BIGINT GENERATED BY DEFAULT AS IDENTITY" : "BIGINT"
                case "BLOB": "BYTEA"
                case "TEXT": "TEXT COLLATE \"C\""
                case "REAL": "DOUBLE PRECISION"
                default: type
                }
                let key = Self.keyName(name, [column])
                if isKey { rest = "CONSTRAINT \(key) " + rest }
                rest = rest.replacingOccurrences(of: "NOT NULL UNIQUE", with: "NOT NULL CONSTRAINT \(key) UNIQUE")
                items.append("\(Self.quoted(column)) \(serverType) \(rest)".trimmingCharacters(in: .whitespaces))
            }
        }
        if !withoutRowID {
            items.append(integerKey.map { "rowid BIGINT GENERATED ALWAYS AS (\($0)) STORED" } ?? "rowid BIGINT GENERATED ALWAYS AS IDENTITY")
        }
        self.name = name
        self.references = references.subtracting([name])
        definition = "CREATE TABLE \(name) (\n    " + items.joined(separator: ",\n    ") + "\n);"
    }

    /// A key's name as SQLite lists its columns when the key is refused ("goals.series_id, goals.version").
    static func keyName(_ table: String, _ columns: [String]) -> String {
        quoted(columns.map { "\(table).\($0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))" }.joined(separator: ", "))
    }

    /// Names PostgreSQL reserves are quoted (`user`); others stay as SQLite wrote them.
    static func quoted(_ name: String) -> String {
        name == "user" || name.contains(".") || name.contains(" ") ? "\"\(name)\"" : name
    }

    /// Tables ordered so that each comes after the tables it refers to.
    static func inReferenceOrder(_ tables: [PostgresTable]) -> [PostgresTable] {
        var done: Set<String> = []
        var ordered: [PostgresTable] = []
        var pending = tables
        while !pending.isEmpty {
            let ready = pending.filter { $0.references.isSubset(of: done) }
            let next = ready.isEmpty ? pending : ready
            for table in next { done.insert(table.name) }
            ordered += next
            let names = Set(next.map(\.name))
            pending.removeAll { names.contains($0.name) }
        }
        return ordered
    }

    private static func referencedTable(_ item: String) -> String? {
        guard let range = item.range(of: "REFERENCES ") else { return nil }
        let rest = item[range.upperBound...]
        return String(rest.prefix { $0 != "(" && $0 != " " }).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    private static func parenthesised(_ item: String) -> String {
        guard let open = item.firstIndex(of: "("), let close = item[open...].firstIndex(of: ")") else { return "" }
        return String(item[item.index(after: open)..<close])
    }

    /// The comma-separated items of a table body, commas inside parentheses or quotes kept.
    private static func topLevelItems(_ body: String) -> [String] {
        var items: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in body {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
            } else if character == ",", depth == 0 {
                items.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
                continue
            }
            current.append(character)
        }
        items.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
        return items.filter { !$0.isEmpty }.map { $0.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ") }
    }
}
