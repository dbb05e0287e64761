import FFBSQLite

extension Schema {
    /// Who looked at whom (issue 21): every view that shows a citizen's CPR number or name adds a
    /// row per citizen shown, with who, when, the command and the purpose given. Append-only like
    /// every other table; on a shared store only the owner reads it and the server fills in the
    /// role (`ffb_audit_role`), so nobody can log a look as someone else.
    static let accessLogVersion = 8
    static let accessLog = """
    CREATE TABLE access_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        command TEXT NOT NULL,
        purpose TEXT
    );
    CREATE INDEX access_log_citizen ON access_log(citizen_id);
    """

    static let accessLogKeys: [(table: String, key: [String], when: String?)] = [("access_log", ["id"], nil)]

    static func accessLogMigration(_ database: Database) throws(SQLiteError) {
        try database.executeScript(accessLog)
        try database.executeScript(appendOnlyTriggers(for: ["access_log"]) + "\n" + keyTriggers(for: accessLogKeys))
        try seal(database, version: accessLogVersion)
    }
}
