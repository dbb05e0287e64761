import FFBSQLite

/// A shared store's guard: the append-only triggers, the audit-role triggers and row-level
/// security that the owner's schema made must still be there and switched on. The owner could
/// drop them with one statement each (the roles ffb writes with cannot); a write refuses a store
/// without them, as a file store's write refuses a changed schema, and `ffb check` lists what is
/// missing.
extension Store {
    /// What is missing or switched off, one phrase each ("trigger citizens_append_only is missing").
    func serverGuardProblems() throws(SQLiteError) -> [String] {
        guard let expected = ServerGuard.expected else { return ["this ffb cannot build its own schema"] }
        var triggers: [String: Bool] = [:]
        try database.forEach("""
            SELECT t.tgname, CASE WHEN t.tgenabled IN ('O', 'A') THEN 1 ELSE 0 END FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
            """) { row throws(SQLiteError) in triggers[try row.string(0)] = try row.int(1) == 1 }
        var secured: [String: Bool] = [:]
        try database.forEach("""
            SELECT relname, CASE WHEN relrowsecurity THEN 1 ELSE 0 END FROM pg_class
            WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'
            """) { row throws(SQLiteError) in secured[try row.string(0)] = try row.int(1) == 1 }
        var policies: Set<String> = []
        try database.forEach("SELECT tablename || '.' || policyname FROM pg_policies WHERE schemaname = current_schema()") { row throws(SQLiteError) in
            policies.insert(try row.string(0))
        }
        var problems: [String] = []
        for name in expected.triggers {
            switch triggers[name] {
            case nil: problems.append("trigger \(name) is missing")
            case false?: problems.append("trigger \(name) is switched off (it does not fire in an ordinary session)")
            case true?: break
            }
        }
        for table in expected.rowSecurity + ["access_log"] {
            if secured[table] != true { problems.append("row-level security on \(table) is off") }
            // Only the owner reads the access log: it has no read policy.
            for policy in table == "access_log" ? ["ffb_write"] : ["ffb_read", "ffb_write"] where !policies.contains("\(table).\(policy)") {
                problems.append("policy \(policy) on \(table) is missing")
            }
        }
        return problems
    }

    /// `requireIntactSchema` for a server.
    func requireIntactServerGuard() throws(StoreError) {
        let problems = try StoreError.mapping { () throws(SQLiteError) in try serverGuardProblems() }
        guard problems.isEmpty else {
            throw .database("the store was changed outside ffb (\(Self.summary(problems))); nothing was written. Run 'ffb check' for the details")
        }
    }
}

/// What a shared store's schema holds besides its tables (`Schema.postgresScript`,
/// `Schema.postgresAccessScript`).
enum ServerGuard {
    static let expected: (triggers: [String], rowSecurity: [String])? = {
        guard let tables = try? Schema.inMemory(through: Schema.latestVersion, { database throws(SQLiteError) in try Schema.serverTables(of: database).map(\.name) }) else {
            return nil
        }
        let triggers = tables.flatMap { ["\($0)_append_only", "\($0)_no_truncate"] } + ["writes_role", "access_log_role", "access_log_server_row"]
        let secured = Schema.citizenTables.map(\.table) + ["orders"] + Schema.childTables.map(\.table) + ["entered_in_error"]
        return (triggers, secured)
    }()
}
