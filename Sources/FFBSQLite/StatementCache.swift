/// Prepared statements keyed by SQL text, so `execute` and `query` in a hot
/// loop compile their SQL once.
struct StatementCache {
    private var statements: [String: Statement] = [:]
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 0)
    }

    var count: Int { statements.count }

    /// The cached statement for `sql`, preparing it on first use. When the
    /// cached one is busy (a re-entrant call with the same SQL), a private
    /// statement is returned instead and dropped after use.
    mutating func statement(for sql: String, make: (_ persistent: Bool) throws(SQLiteError) -> Statement) throws(SQLiteError) -> Statement {
        if let cached = statements[sql] {
            return cached.isInUse ? try make(false) : cached
        }
        guard capacity > 0 else {
            return try make(false)
        }
        if statements.count >= capacity {
            // Dropping every idle statement keeps the bookkeeping trivial; SQL text in
            // this project is fixed, so the cache rarely fills.
            for (key, statement) in statements where !statement.isInUse {
                statement.finalize()
                statements[key] = nil
            }
        }
        let statement = try make(true)
        statements[sql] = statement
        return statement
    }

    mutating func finalizeAll() {
        for statement in statements.values {
            statement.finalize()
        }
        statements = [:]
    }
}
