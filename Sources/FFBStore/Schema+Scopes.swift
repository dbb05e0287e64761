import FFBSQLite

/// Schema 9 (shared stores only): what a role may add is bounded by what it may see. Before it,
/// every table took any row (`WITH CHECK (true)`), so a role could add a case in its own
/// municipality, or an order to itself, for a citizen it could not see, and see them from then on,
/// CPR number and all; or mark another municipality's records entered in error; or log looks of its
/// own choosing (any id, any time). Now a row about a citizen, or under a record, is added only where
/// that citizen or record is already the role's to see (the same test as reading: a citizen the role
/// registers in the same write is its own), a new citizen only under the role's own write, a mark only
/// on a record the role sees, and the access log's id and time are the server's.
extension Schema {
    static let scopesVersion = 9

    /// A file store is unchanged: its roles are the file's permissions.
    static func scopesMigration(_ database: Database) throws(SQLiteError) {
        try seal(database, version: scopesVersion)
    }

    /// What a role may add to each table under row-level security, as `WITH CHECK` expressions.
    static var serverWriteChecks: [(table: String, check: String)] {
        var checks: [(String, String)] = [("citizens", "EXISTS (SELECT 1 FROM writes w WHERE w.id = write_id AND w.\"user\" = session_user::text)")]
        for (table, citizen) in citizenTables where table != "citizens" {
            checks.append((table, "ffb_citizen_visible(\(citizen))"))
        }
        checks.append(("orders", "ffb_citizen_visible(citizen_id)"))
        for (table, column, parent, key) in childTables {
            checks.append((table, "EXISTS (SELECT 1 FROM \(parent) p WHERE p.\(key) = \(column))"))
        }
        return checks
    }

    /// A mark names its record by kind and id: visible when that record is.
    static let markVisible = """
        CASE target_kind
            WHEN 'assessment' THEN EXISTS (SELECT 1 FROM assessments r WHERE r.id = target_id)
            WHEN 'order' THEN EXISTS (SELECT 1 FROM orders r WHERE r.id = target_id)
            WHEN 'goal' THEN EXISTS (SELECT 1 FROM goals r WHERE r.id = target_id)
            WHEN 'follow-up' THEN EXISTS (SELECT 1 FROM follow_ups r WHERE r.id = target_id)
            ELSE false
        END
        """

    static let serverScopesScript: String = {
        var script = serverWriteChecks.map { "ALTER POLICY ffb_write ON \($0.table) WITH CHECK (\($0.check));" }
        script.append("""
            ALTER TABLE entered_in_error ENABLE ROW LEVEL SECURITY;
            CREATE POLICY ffb_read ON entered_in_error FOR SELECT USING (\(markVisible));
            CREATE POLICY ffb_write ON entered_in_error FOR INSERT WITH CHECK (\(markVisible));
            ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
            CREATE POLICY ffb_write ON access_log FOR INSERT WITH CHECK (ffb_citizen_visible(citizen_id));
            CREATE FUNCTION ffb_access_log_row() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- The owner copying a store (ffb store copy) keeps the looks as they were.
                IF coalesce(current_setting('ffb.copy', true), '') = 'on'
                   AND pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
                    RETURN NEW;
                END IF;
                NEW.id := nextval(pg_get_serial_sequence('access_log', 'id'));
                NEW.at := to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
                RETURN NEW;
            END $$;
            CREATE TRIGGER access_log_server_row BEFORE INSERT ON access_log FOR EACH ROW EXECUTE FUNCTION ffb_access_log_row();
            """)
        return script.joined(separator: "\n")
    }()
}
