import FFBSQLite

/// The store's schema, one migration per `PRAGMA user_version`.
///
/// Clinical facts are append-only: triggers refuse UPDATE and DELETE, so a correction is always a
/// new row (a new goal version, a new observation) and a removal is an entered-in-error mark.
/// Every row points at the `writes` row of the command that made it (who, when, which command).
/// The CPR number lives in `citizens` and nowhere else.
enum Schema {
    /// The newest schema version.
    static let latestVersion = scopesVersion

    static let appendOnlyTables = [
        "writes", "citizens", "cases", "assessments", "theme_series", "theme_observations",
        "orders", "order_services", "order_target_groups", "goals", "goal_secondary_themes",
        "follow_ups", "follow_up_goal_notes", "entered_in_error",
    ]

    static let version1 = """
    CREATE TABLE writes (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        command TEXT NOT NULL
    );
    CREATE TABLE citizens (
        id INTEGER PRIMARY KEY,
        pseudonym TEXT NOT NULL UNIQUE,
        cpr TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    );
    CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        case_number TEXT NOT NULL UNIQUE,
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        opened TEXT NOT NULL,
        municipality_name TEXT NOT NULL,
        municipality_code TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    );
    -- An assessment, or the levels part of a follow-up (kind = 'follow-up').
    CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        case_id INTEGER REFERENCES cases(id),
        kind TEXT NOT NULL CHECK (kind IN ('assessment', 'follow-up')),
        date TEXT NOT NULL,
        assessor TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    );
    -- One theme of one citizen keeps its identity (KL: the same Condition) while its level changes.
    CREATE TABLE theme_series (
        id TEXT PRIMARY KEY,
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        theme TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id),
        UNIQUE (citizen_id, theme)
    );
    CREATE TABLE theme_observations (
        id INTEGER PRIMARY KEY,
        series_id TEXT NOT NULL REFERENCES theme_series(id),
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        level INTEGER CHECK (level BETWEEN 0 AND 4),
        not_assessed INTEGER NOT NULL DEFAULT 0 CHECK (not_assessed IN (0, 1)),
        relevance TEXT,
        note TEXT,
        source TEXT,
        write_id INTEGER NOT NULL REFERENCES writes(id),
        UNIQUE (series_id, assessment_id),
        -- A scored entry has a level or is 'ikke vurderet'; an unscored one has a relevance; never both.
        CHECK ((relevance IS NULL) <> (level IS NULL AND not_assessed = 0)),
        CHECK (NOT (level IS NOT NULL AND not_assessed = 1))
    );
    CREATE INDEX theme_observations_assessment ON theme_observations(assessment_id);
    CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        case_id INTEGER NOT NULL REFERENCES cases(id),
        offer_type TEXT,
        provider_name TEXT NOT NULL,
        provider_id TEXT NOT NULL,
        payer_name TEXT,
        payer_id TEXT,
        support_level TEXT NOT NULL CHECK (support_level IN ('A', 'B', 'C', 'D', 'E', 'ikke-vurderet')),
        issued TEXT NOT NULL,
        start TEXT NOT NULL,
        follow_up_date TEXT,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    );
    CREATE TABLE order_services (
        order_id TEXT NOT NULL REFERENCES orders(id),
        position INTEGER NOT NULL,
        service TEXT NOT NULL,
        PRIMARY KEY (order_id, position)
    );
    CREATE TABLE order_target_groups (
        order_id TEXT NOT NULL REFERENCES orders(id),
        position INTEGER NOT NULL,
        target_group TEXT NOT NULL,
        is_primary INTEGER NOT NULL CHECK (is_primary IN (0, 1)),
        PRIMARY KEY (order_id, position)
    );
    CREATE UNIQUE INDEX order_one_primary_target_group ON order_target_groups(order_id) WHERE is_primary = 1;
    -- Every version of every goal; series_id is the goal's lasting identity.
    CREATE TABLE goals (
        id TEXT PRIMARY KEY,
        series_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        supersedes TEXT REFERENCES goals(id),
        order_id TEXT NOT NULL REFERENCES orders(id),
        primary_theme TEXT NOT NULL,
        goal_type TEXT NOT NULL CHECK (goal_type IN ('udvikle', 'fastholde', 'begraense-tab')),
        expected_level INTEGER NOT NULL CHECK (expected_level BETWEEN 0 AND 4),
        description TEXT NOT NULL,
        follow_up_date TEXT,
        write_id INTEGER NOT NULL REFERENCES writes(id),
        UNIQUE (series_id, version)
    );
    CREATE UNIQUE INDEX goals_superseded_once ON goals(supersedes) WHERE supersedes IS NOT NULL;
    CREATE TABLE goal_secondary_themes (
        goal_id TEXT NOT NULL REFERENCES goals(id),
        position INTEGER NOT NULL,
        theme TEXT NOT NULL,
        PRIMARY KEY (goal_id, position)
    );
    CREATE TABLE follow_ups (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        date TEXT NOT NULL,
        support_level TEXT CHECK (support_level IN ('A', 'B', 'C', 'D', 'E', 'ikke-vurderet')),
        status TEXT NOT NULL CHECK (status IN ('continue', 'end', 'end-and-refer')),
        write_id INTEGER NOT NULL REFERENCES writes(id)
    );
    CREATE TABLE follow_up_goal_notes (
        follow_up_id TEXT NOT NULL REFERENCES follow_ups(id),
        goal_series_id TEXT NOT NULL,
        note TEXT NOT NULL,
        PRIMARY KEY (follow_up_id, goal_series_id)
    );
    CREATE TABLE entered_in_error (
        id INTEGER PRIMARY KEY,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('assessment', 'order', 'goal', 'follow-up')),
        target_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id),
        UNIQUE (target_kind, target_id)
    );
    CREATE INDEX orders_citizen ON orders(citizen_id);
    CREATE INDEX goals_order ON goals(order_id);
    CREATE INDEX follow_ups_order ON follow_ups(order_id);
    CREATE INDEX assessments_citizen ON assessments(citizen_id, date);
    """

    static var appendOnlyTriggers: String { appendOnlyTriggers(for: appendOnlyTables) }

    /// The triggers that make `tables` append-only. Their text is part of the schema every write
    /// checks, so it must never change: a store made by an older ffb holds it as written here.
    static func appendOnlyTriggers(for tables: [String]) -> String {
        tables.map { appendOnlyTrigger($0, refusing: .update) + "\n" + appendOnlyTrigger($0, refusing: .delete) }.joined(separator: "\n")
    }

    enum Change: String {
        case update
        case delete
    }

    /// How a key trigger's refusal ends, so a refused key is told from other trigger refusals.
    static let replacedMessageSuffix = "rows are never replaced"

    static func appendOnlyTrigger(_ table: String, refusing change: Change) -> String {
        let (verb, past) = change == .update ? ("UPDATE", "updated") : ("DELETE", "deleted")
        return "CREATE TRIGGER \(table)_no_\(change.rawValue) BEFORE \(verb) ON \(table) BEGIN SELECT RAISE(ABORT, 'append-only: \(table) rows are never \(past)'); END;"
    }

    /// Tariffs (takster) per provider and support level, for cost statistics.
    static let tariffsVersion = 3
    static let tariffs = """
    CREATE TABLE tariffs (
        id INTEGER PRIMARY KEY,
        provider TEXT NOT NULL,
        support_level TEXT NOT NULL CHECK (support_level IN ('A', 'B', 'C', 'D', 'E')),
        daily_rate_ore INTEGER NOT NULL CHECK (daily_rate_ore >= 0),
        valid_from TEXT NOT NULL,
        valid_to TEXT,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    );
    """ + appendOnlyTriggers(for: ["tariffs"])

    /// Exchange documents already imported, for idempotent import: the same document id again
    /// is a no-op when its content hash matches and an error when it does not.
    static let exchangeVersion = 2
    static let exchange = """
    CREATE TABLE exchange_documents (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        syntax TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    );
    """ + appendOnlyTriggers(for: ["exchange_documents"])

    /// Theme entries keyed the cheap way. A theme series' identity never leaves the store, so it
    /// is an integer row id instead of a text UUID, and an observation lives in one B-tree keyed by
    /// (assessment, series), which is also how it is read, with its place among the assessment's
    /// entries in `position`. Version 1 kept three B-trees for each of the two tables (row ids, text
    /// keys, unique pairs); this keeps three in all, halving the store's size per theme entry and
    /// the work of writing one. The rows are copied as they are, series by series in the order
    /// they were made and entries in the order they were given; nothing else changes.
    static let themeKeysVersion = 4
    static let themeKeys = """
    CREATE TABLE theme_series_v4 (
        id INTEGER PRIMARY KEY,
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        theme TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id),
        UNIQUE (citizen_id, theme)
    );
    INSERT INTO theme_series_v4 (citizen_id, theme, write_id)
        SELECT citizen_id, theme, write_id FROM theme_series ORDER BY rowid;
    CREATE TABLE theme_observations_v4 (
        assessment_id TEXT NOT NULL REFERENCES assessments(id),
        series_id INTEGER NOT NULL REFERENCES theme_series_v4(id),
        position INTEGER NOT NULL,
        level INTEGER CHECK (level BETWEEN 0 AND 4),
        not_assessed INTEGER NOT NULL DEFAULT 0 CHECK (not_assessed IN (0, 1)),
        relevance TEXT,
        note TEXT,
        source TEXT,
        write_id INTEGER NOT NULL REFERENCES writes(id),
        PRIMARY KEY (assessment_id, series_id),
        -- A scored entry has a level or is 'ikke vurderet'; an unscored one has a relevance; never both.
        CHECK ((relevance IS NULL) <> (level IS NULL AND not_assessed = 0)),
        CHECK (NOT (level IS NOT NULL AND not_assessed = 1))
    ) WITHOUT ROWID;
    INSERT INTO theme_observations_v4 (assessment_id, series_id, position, level, not_assessed, relevance, note, source, write_id)
        SELECT o.assessment_id, n.id, row_number() OVER (PARTITION BY o.assessment_id ORDER BY o.id) - 1,
               o.level, o.not_assessed, o.relevance, o.note, o.source, o.write_id
        FROM theme_observations o
        JOIN theme_series s ON s.id = o.series_id
        JOIN theme_series_v4 n ON n.citizen_id = s.citizen_id AND n.theme = s.theme;
    DROP TABLE theme_observations;
    DROP TABLE theme_series;
    ALTER TABLE theme_series_v4 RENAME TO theme_series;
    ALTER TABLE theme_observations_v4 RENAME TO theme_observations;
    """ + appendOnlyTriggers(for: ["theme_series", "theme_observations"])

    /// The store guards itself (issue 15). A follow-up that replaces another says so
    /// (`supersedes`), and the one it replaces is marked entered in error in the same write.
    /// Every audit row carries a hash over its own fields and the previous row's hash, so a
    /// changed or removed audit row breaks the chain (`ffb check`); rows written before this
    /// version are chained as they stand. Warnings a write gave (an imported order whose CPR
    /// matches a citizen of another name) are kept with it. `store_seal` records the digest of the
    /// schema each version left, beside the check against what this ffb expects. Cases are
    /// indexed by citizen (a citizen's cases were found by scanning every case).
    static let guardsVersion = 5
    static let guards = """
    ALTER TABLE follow_ups ADD COLUMN supersedes TEXT REFERENCES follow_ups(id);
    CREATE UNIQUE INDEX follow_ups_superseded_once ON follow_ups(supersedes) WHERE supersedes IS NOT NULL;
    CREATE INDEX follow_ups_assessment ON follow_ups(assessment_id);
    CREATE INDEX cases_citizen ON cases(citizen_id);
    CREATE TABLE write_warnings (
        write_id INTEGER NOT NULL REFERENCES writes(id),
        position INTEGER NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (write_id, position)
    );
    CREATE TABLE store_seal (
        version INTEGER PRIMARY KEY,
        schema_digest TEXT NOT NULL
    );
    DROP TRIGGER writes_no_update;
    ALTER TABLE writes ADD COLUMN hash TEXT;
    """

    /// Every key of every append-only table (primary keys, UNIQUE constraints and unique
    /// indexes). `INSERT OR REPLACE` resolves a key conflict by deleting the old row without
    /// firing DELETE triggers, so an UPDATE trigger alone would let the sqlite3 shell rewrite a
    /// level or a name in place; a BEFORE INSERT trigger per key refuses a row whose key is taken.
    static let appendOnlyKeys: [(table: String, key: [String], when: String?)] = [
        ("writes", ["id"], nil),
        ("citizens", ["id"], nil), ("citizens", ["pseudonym"], nil), ("citizens", ["cpr"], nil),
        ("cases", ["id"], nil), ("cases", ["case_number"], nil),
        ("assessments", ["id"], nil),
        ("theme_series", ["id"], nil), ("theme_series", ["citizen_id", "theme"], nil),
        ("theme_observations", ["assessment_id", "series_id"], nil),
        ("orders", ["id"], nil),
        ("order_services", ["order_id", "position"], nil),
        ("order_target_groups", ["order_id", "position"], nil), ("order_target_groups", ["order_id"], "is_primary = 1"),
        ("goals", ["id"], nil), ("goals", ["series_id", "version"], nil), ("goals", ["supersedes"], nil),
        ("goal_secondary_themes", ["goal_id", "position"], nil),
        ("follow_ups", ["id"], nil), ("follow_ups", ["supersedes"], nil),
        ("follow_up_goal_notes", ["follow_up_id", "goal_series_id"], nil),
        ("entered_in_error", ["id"], nil), ("entered_in_error", ["target_kind", "target_id"], nil),
        ("tariffs", ["id"], nil),
        ("exchange_documents", ["id"], nil),
        ("write_warnings", ["write_id", "position"], nil),
        ("store_seal", ["version"], nil),
    ]

    /// One trigger per table (a trigger's call costs more than the key lookups in it).
    static var appendOnlyKeyTriggers: String { keyTriggers(for: appendOnlyKeys) }

    /// The BEFORE INSERT triggers that refuse a taken key of `keys`' tables.
    static func keyTriggers(for keys: [(table: String, key: [String], when: String?)]) -> String {
        var tables: [String] = []
        var conditions: [String: [String]] = [:]
        for (table, key, when) in keys {
            if conditions[table] == nil { tables.append(table) }
            let match = key.map { "\($0) = NEW.\($0)" }.joined(separator: " AND ")
            let exists = "EXISTS (SELECT 1 FROM \(table) WHERE \(match)\(when.map { " AND \($0)" } ?? ""))"
            conditions[table, default: []].append(when.map { "(NEW.\($0) AND \(exists))" } ?? exists)
        }
        return tables.map { table in
            """
            CREATE TRIGGER \(table)_no_replace BEFORE INSERT ON \(table) WHEN \((conditions[table] ?? []).joined(separator: " OR ")) \
            BEGIN SELECT RAISE(ABORT, 'append-only: \(table) \(replacedMessageSuffix)'); END;
            """
        }.joined(separator: "\n")
    }

    static func guardsMigration(_ database: Database) throws(SQLiteError) {
        try database.executeScript(guards)
        try database.executeScript(appendOnlyKeyTriggers)
        var previous = AuditChain.genesis
        for row in try database.query("SELECT id, at, user, command FROM writes ORDER BY id") {
            let entry = AuditChain.Entry(id: try row.int64(0), at: try row.string(1), user: try row.string(2), command: try row.string(3))
            previous = AuditChain.hash(entry, previous: previous)
            _ = try database.execute("UPDATE writes SET hash = ? WHERE id = ?", [.text(previous), .integer(entry.id)])
        }
        try database.executeScript(appendOnlyTrigger("writes", refusing: .update) + "\n" + appendOnlyTriggers(for: ["write_warnings", "store_seal"]))
        try seal(database, version: guardsVersion)
    }

    /// Everything a KL order message carried, kept (issue 18), and what the caseworker records for
    /// KL's required elements:
    /// - `citizen_contacts`: versions of a citizen's name, phone number and address; the newest
    ///   counts, the older stay (`ffb citizen update` appends one).
    /// - `order_details`: versions of an order's purpose (indsatsformål) and payer account number.
    /// - `order_messages`: the message an order came in, byte for byte as received.
    /// - `order_resources`: every resource of that message as it came (JSON) with what FFBKit read
    ///   it as (`role`): the ones FFBKit rebuilds from its records on export, and the ones it
    ///   writes back as they came (the guardian, consent, documents, related plans, …).
    static let keptVersion = 6
    static let kept = """
    CREATE TABLE citizen_contacts (
        citizen_id INTEGER NOT NULL REFERENCES citizens(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        name TEXT NOT NULL,
        phone TEXT,
        address_line TEXT,
        postal_code TEXT,
        city TEXT,
        write_id INTEGER NOT NULL REFERENCES writes(id),
        PRIMARY KEY (citizen_id, version),
        CHECK ((address_line IS NULL) = (postal_code IS NULL) AND (postal_code IS NULL) = (city IS NULL))
    ) WITHOUT ROWID;
    CREATE TABLE order_details (
        order_id TEXT NOT NULL REFERENCES orders(id),
        version INTEGER NOT NULL CHECK (version >= 1),
        purpose TEXT,
        payer_account TEXT,
        write_id INTEGER NOT NULL REFERENCES writes(id),
        PRIMARY KEY (order_id, version)
    ) WITHOUT ROWID;
    CREATE TABLE order_messages (
        order_id TEXT PRIMARY KEY REFERENCES orders(id),
        document_id TEXT NOT NULL,
        message BLOB NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    );
    CREATE TABLE order_resources (
        order_id TEXT NOT NULL REFERENCES order_messages(order_id),
        position INTEGER NOT NULL,
        role TEXT NOT NULL,
        full_url TEXT,
        resource TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id),
        PRIMARY KEY (order_id, position)
    ) WITHOUT ROWID;
    """

    static let keptKeys: [(table: String, key: [String], when: String?)] = [
        ("citizen_contacts", ["citizen_id", "version"], nil),
        ("order_details", ["order_id", "version"], nil),
        ("order_messages", ["order_id"], nil),
        ("order_resources", ["order_id", "position"], nil),
    ]

    static func keptMigration(_ database: Database) throws(SQLiteError) {
        try database.executeScript(kept)
        try database.executeScript(appendOnlyTriggers(for: keptKeys.map(\.table)) + "\n" + keyTriggers(for: keptKeys))
        try seal(database, version: keptVersion)
    }

    /// Records the digest of the schema as this migration left it.
    static func seal(_ database: Database, version: Int) throws(SQLiteError) {
        _ = try database.execute("INSERT INTO store_seal (version, schema_digest) VALUES (?, ?)",
                                 [.integer(Int64(version)), .text(SchemaObject.digest(try SchemaObject.all(in: database)))])
    }

    /// The digest (`SchemaObject.digest`) of the schema the migrations above make. Every write
    /// compares the store's schema with it, which costs one hash instead of building the schema
    /// in memory; `SchemaDigestTests` fails, naming the new value, when a migration is added.
    static let expectedDigest = "c0038a1fbcb37bfd54460d28d5e38d0c5e455607fe001a224ea72be6d18f3b77"

    /// Every migration, oldest first; `through` stops at a version (tests build older stores).
    static func migrations(through last: Int = .max) -> [Migration] {
        [
            Migration(version: 1, sql: version1 + "\n" + appendOnlyTriggers),
            Migration(version: exchangeVersion, sql: exchange),
            Migration(version: tariffsVersion, sql: tariffs),
            Migration(version: themeKeysVersion, sql: themeKeys),
            Migration(version: guardsVersion, guardsMigration),
            Migration(version: keptVersion, keptMigration),
            Migration(version: closingsVersion, closingsMigration),
            Migration(version: accessLogVersion, accessLogMigration),
            Migration(version: scopesVersion, scopesMigration),
        ].filter { $0.version <= last }
    }

    static func migrator(through last: Int = .max) throws(SQLiteError) -> Migrator {
        try Migrator(migrations(through: last))
    }
}
