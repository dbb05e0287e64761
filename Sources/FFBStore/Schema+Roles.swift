import FFBSQLite
import Foundation

/// Who may see what in a shared store (PostgreSQL), enforced by the server, not by ffb:
///
/// - `ffb_caseworker`: the citizens with a case in the caseworker's municipality (and those the
///   caseworker registered who have no case yet), with everything recorded about them.
/// - `ffb_provider`: only the orders addressed to the provider (its SOR id), and their citizens
///   as the order message carried them.
/// - `ffb_analyst`: every record, but no column that names a person: no CPR number, no name, no
///   contact details, no received message, no free-text note. Column privileges refuse the rest.
/// - the store's owner (the role that ran `ffb init`) administers: migrations and `ffb admin`.
///
/// Each login role is a member of one of the three and has a row in `ffb_staff` saying which
/// municipality or provider it works for. Row-level security reads that row through
/// `SECURITY DEFINER` functions; nobody but the owner may UPDATE, DELETE or TRUNCATE anything.
extension Schema {
    /// Tables whose rows belong to a citizen, and the column that says which.
    static let citizenTables: [(table: String, citizen: String)] = [
        ("citizens", "id"), ("cases", "citizen_id"), ("assessments", "citizen_id"), ("theme_series", "citizen_id"),
        ("citizen_contacts", "citizen_id"),
    ]

    /// Tables whose rows belong to a row of another table: visible when that row is.
    static let childTables: [(table: String, column: String, parent: String, key: String)] = [
        ("theme_observations", "assessment_id", "assessments", "id"),
        ("case_closings", "case_id", "cases", "id"),
        ("order_services", "order_id", "orders", "id"), ("order_target_groups", "order_id", "orders", "id"),
        ("goals", "order_id", "orders", "id"), ("follow_ups", "order_id", "orders", "id"),
        ("order_details", "order_id", "orders", "id"), ("order_messages", "order_id", "orders", "id"),
        ("order_resources", "order_id", "orders", "id"), ("order_endings", "order_id", "orders", "id"),
        ("goal_secondary_themes", "goal_id", "goals", "id"),
        ("follow_up_goal_notes", "follow_up_id", "follow_ups", "id"), ("follow_up_plans", "follow_up_id", "follow_ups", "id"),
    ]

    /// What an analyst may not read: columns that name or describe a person, and tables that are
    /// nothing else (a received message holds the CPR number).
    static let personalColumns: [String: Set<String>] = [
        "citizens": ["cpr", "name"],
        "theme_observations": ["note"],
        "follow_up_goal_notes": ["note"],
    ]
    static let personalTables: Set<String> = ["citizen_contacts", "order_messages", "order_resources", "access_log"]

    /// The roles, the staff table, the visibility functions and every table's policies; run by
    /// the owner when it makes the schema. Group roles are made when missing (they belong to the
    /// whole server, shared by every store on it); when two stores are made at once on one server
    /// and both find a group missing, the one that loses the race to create it lets it be.
    static func postgresAccessScript(columns: [String: [String]]) -> String {
        var script: [String] = [
            """
            DO $$ BEGIN
                \(StaffRole.Kind.allCases.map { "IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\($0.group)') THEN BEGIN CREATE ROLE \($0.group) NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END; END IF;" }.joined(separator: "\n    "))
            END $$;
            CREATE TABLE ffb_staff (
                role_name TEXT COLLATE "C" PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('caseworker', 'provider', 'analyst')),
                municipality_code TEXT COLLATE "C",
                provider_id TEXT COLLATE "C",
                CHECK ((kind = 'caseworker') = (municipality_code IS NOT NULL) AND (kind = 'provider') = (provider_id IS NOT NULL))
            );
            CREATE FUNCTION ffb_staff_kind() RETURNS text STABLE SECURITY DEFINER SET search_path = public LANGUAGE sql AS
                $$ SELECT kind FROM ffb_staff WHERE role_name = session_user $$;
            CREATE FUNCTION ffb_staff_municipality() RETURNS text STABLE SECURITY DEFINER SET search_path = public LANGUAGE sql AS
                $$ SELECT municipality_code FROM ffb_staff WHERE role_name = session_user $$;
            CREATE FUNCTION ffb_staff_provider() RETURNS text STABLE SECURITY DEFINER SET search_path = public LANGUAGE sql AS
                $$ SELECT provider_id FROM ffb_staff WHERE role_name = session_user $$;
            CREATE FUNCTION ffb_citizen_visible(citizen bigint) RETURNS boolean STABLE SECURITY DEFINER SET search_path = public LANGUAGE sql AS $$
                SELECT CASE ffb_staff_kind()
                    WHEN 'analyst' THEN true
                    WHEN 'caseworker' THEN
                        EXISTS (SELECT 1 FROM cases k WHERE k.citizen_id = citizen AND k.municipality_code = ffb_staff_municipality())
                    WHEN 'provider' THEN
                        EXISTS (SELECT 1 FROM orders o WHERE o.citizen_id = citizen AND o.provider_id = ffb_staff_provider())
                    ELSE false
                END
                -- Whoever registered a citizen sees them (before the first case or order is recorded).
                OR EXISTS (SELECT 1 FROM citizens c JOIN writes w ON w.id = c.write_id WHERE c.id = citizen AND w."user" = session_user::text)
            $$;
            -- Theme series ids are given by the writer (one multi-row insert); it counts past rows it cannot see.
            CREATE FUNCTION ffb_next_theme_series_id() RETURNS bigint VOLATILE SECURITY DEFINER SET search_path = public LANGUAGE sql AS
                $$ SELECT COALESCE(MAX(id), 0) + 1 FROM theme_series $$;
            GRANT USAGE ON SCHEMA public TO ffb_caseworker, ffb_provider, ffb_analyst;
            GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO ffb_caseworker, ffb_provider;
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ffb_caseworker, ffb_provider;
            REVOKE ALL ON ffb_staff, ffb_schema_version FROM ffb_caseworker, ffb_provider;
            -- Everyone's looks are logged; only the owner reads the log.
            REVOKE SELECT ON access_log FROM ffb_caseworker, ffb_provider;
            GRANT INSERT ON access_log TO ffb_analyst;
            GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ffb_analyst;
            GRANT SELECT ON ffb_schema_version TO ffb_caseworker, ffb_provider, ffb_analyst;
            """,
        ]
        for (table, citizen) in citizenTables {
            script.append(policies(table, visible: "ffb_citizen_visible(\(citizen))"))
        }
        script.append(policies("orders", visible: """
            CASE ffb_staff_kind() WHEN 'provider' THEN provider_id = ffb_staff_provider() ELSE ffb_citizen_visible(citizen_id) END
            """))
        for (table, column, parent, key) in childTables {
            script.append(policies(table, visible: "EXISTS (SELECT 1 FROM \(parent) p WHERE p.\(key) = \(column))"))
        }
        for (table, names) in columns.sorted(by: { $0.key < $1.key }) where !personalTables.contains(table) {
            let allowed = names.filter { !(personalColumns[table]?.contains($0) ?? false) }.map(PostgresTable.quoted)
            script.append("GRANT SELECT (\(allowed.joined(separator: ", "))) ON \(table) TO ffb_analyst;")
        }
        return script.joined(separator: "\n")
    }

    /// Row-level security on `table`: the rows `visible` allows may be read. As made at schema 8,
    /// rows may be added freely; schema 9 (`Schema+Scopes.swift`) bounds each addition by the
    /// same test, so no addition opens a citizen the role cannot see.
    private static func policies(_ table: String, visible: String) -> String {
        """
        ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY;
        CREATE POLICY ffb_read ON \(table) FOR SELECT USING (\(visible));
        CREATE POLICY ffb_write ON \(table) FOR INSERT WITH CHECK (true);
        """
    }
}
