import FFBDigest
import FFBSQLite

/// One table, index or trigger as `sqlite_schema` lists it. The store's guard compares these
/// with what this ffb's migrations make, so a trigger dropped or changed with the sqlite3 shell
/// is seen before the next write.
struct SchemaObject: Hashable, Sendable, Comparable {
    let type: String
    let name: String
    let sql: String?

    static func < (lhs: SchemaObject, rhs: SchemaObject) -> Bool {
        (lhs.type, lhs.name) < (rhs.type, rhs.name)
    }

    static func all(in database: Database) throws(SQLiteError) -> [SchemaObject] {
        // SQLite's own objects (autoindexes, sqlite_sequence, sqlite_stat1) by their exact prefix:
        // LIKE would take '_' as any character and ignore case, hiding a trigger named "SQLiteX…".
        try database.query("SELECT type, name, sql FROM sqlite_schema WHERE substr(name, 1, 7) <> 'sqlite_'").map { row throws(SQLiteError) in
            SchemaObject(type: try row.string(0), name: try row.string(1), sql: try row.optionalString(2))
        }.sorted()
    }

    /// One hash for a whole schema, in a stable order.
    static func digest(_ objects: [SchemaObject]) -> String {
        var bytes: [UInt8] = []
        for object in objects.sorted() {
            bytes += Array("\(object.type)\u{0}\(object.name)\u{0}\(object.sql ?? "")\u{0}".utf8)
        }
        return SHA256.hexHash(bytes)
    }

    /// What this ffb's migrations make, built once per process in a private in-memory database.
    static let expected: [SchemaObject]? = {
        guard let database = try? Database.inMemory() else { return nil }
        defer { database.close() }
        guard (try? Schema.migrator().migrate(database)) != nil else { return nil }
        return try? all(in: database)
    }()

    /// How `actual` differs from `expected`, one phrase per object ("trigger citizens_no_update is missing").
    static func differences(_ actual: [SchemaObject], expected: [SchemaObject]) -> [String] {
        let byName = Dictionary(actual.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedNames = Set(expected.map(\.name))
        var problems: [String] = []
        for object in expected {
            guard let found = byName[object.name] else {
                problems.append("\(object.type) \(object.name) is missing")
                continue
            }
            if found != object { problems.append("\(object.type) \(object.name) was changed") }
        }
        for object in actual where !expectedNames.contains(object.name) {
            problems.append("\(object.type) \(object.name) was added")
        }
        return problems
    }
}
