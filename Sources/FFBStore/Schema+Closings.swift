import FFBSQLite

extension Schema {
    /// Finding and closing (issue 19): a case closed and an order ended explicitly, each a record
    /// of its own with a date and a reason (a case or order row is never changed), and the next
    /// follow-up a follow-up planned. When an order ended is read in one place (`OrderEnds`):
    /// the earliest of a follow-up that ended it, its own ending and its case's closing. Orders
    /// are indexed by case, so a closing finds the case's orders without a scan.
    static let closingsVersion = 7
    static let closings = """
    CREATE TABLE case_closings (
        case_id INTEGER PRIMARY KEY REFERENCES cases(id),
        date TEXT NOT NULL,
        reason TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    );
    CREATE TABLE order_endings (
        order_id TEXT PRIMARY KEY REFERENCES orders(id),
        date TEXT NOT NULL,
        reason TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    ) WITHOUT ROWID;
    CREATE TABLE follow_up_plans (
        follow_up_id TEXT PRIMARY KEY REFERENCES follow_ups(id),
        next_date TEXT NOT NULL,
        write_id INTEGER NOT NULL REFERENCES writes(id)
    ) WITHOUT ROWID;
    CREATE INDEX orders_case ON orders(case_id);
    """

    static let closingsKeys: [(table: String, key: [String], when: String?)] = [
        ("case_closings", ["case_id"], nil),
        ("order_endings", ["order_id"], nil),
        ("follow_up_plans", ["follow_up_id"], nil),
    ]

    static func closingsMigration(_ database: Database) throws(SQLiteError) {
        try database.executeScript(closings)
        try database.executeScript(appendOnlyTriggers(for: closingsKeys.map(\.table)) + "\n" + keyTriggers(for: closingsKeys))
        try seal(database, version: closingsVersion)
    }
}
