/// One step of schema evolution: what to run to bring the store to `version`.
package struct Migration: Sendable {
    /// The `user_version` the store has after this migration.
    package let version: Int
    let apply: @Sendable (Database) throws(SQLiteError) -> Void

    /// A migration written as SQL; the script may hold several statements but
    /// must not begin or commit transactions itself.
    package init(version: Int, sql: String) {
        self.version = version
        self.apply = { database throws(SQLiteError) in try database.executeScript(sql) }
    }

    /// A migration written in Swift, for data transformations SQL cannot express. It does SQLite
    /// work inside the migrator's transaction, so it throws ``SQLiteError``; any error rolls the
    /// migration back.
    package init(version: Int, _ apply: @escaping @Sendable (Database) throws(SQLiteError) -> Void) {
        self.version = version
        self.apply = apply
    }
}

/// Brings a store's schema up to date, keyed on `PRAGMA user_version`.
///
/// Each pending migration runs in its own `BEGIN IMMEDIATE` transaction that
/// also sets `user_version`, so a failure leaves the store at the last
/// completed version and a concurrent migrator waits instead of racing.
/// A store whose version is newer than every known migration was written by
/// a newer program: it is refused with
/// ``SQLiteError/Kind/schemaTooNew(found:known:)`` and left untouched.
package struct Migrator: Sendable {
    /// The migrations, in ascending version order.
    package let migrations: [Migration]

    /// - Throws: ``SQLiteError/Kind/misuse(_:)`` unless the versions are
    ///   positive and strictly increasing.
    package init(_ migrations: [Migration]) throws(SQLiteError) {
        var previous = 0
        for migration in migrations {
            guard migration.version > previous else {
                throw SQLiteError(.misuse("migration versions must be positive and strictly increasing; \(migration.version) follows \(previous)"))
            }
            previous = migration.version
        }
        self.migrations = migrations
    }

    /// The highest version this program knows, 0 with no migrations.
    package var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The store's current `user_version`.
    package func currentVersion(of database: Database) throws(SQLiteError) -> Int {
        try database.userVersion
    }

    /// Applies every migration newer than the store's version.
    ///
    /// - Returns: the versions applied, in order; empty when already current.
    @discardableResult
    package func migrate(_ database: Database) throws(SQLiteError) -> [Int] {
        // Checked outside a write transaction first, so an up-to-date or
        // too-new store is never locked for writing (and read-only opens work).
        guard try needsMigration(database) else { return [] }
        var applied: [Int] = []
        while let version = try applyNext(database) {
            applied.append(version)
        }
        return applied
    }

    private func needsMigration(_ database: Database) throws(SQLiteError) -> Bool {
        let current = try database.userVersion
        guard current <= latestVersion else {
            throw SQLiteError(.schemaTooNew(found: current, known: latestVersion))
        }
        return current < latestVersion
    }

    /// Applies the next pending migration, re-reading the version under the
    /// write lock because another process may have migrated meanwhile.
    private func applyNext(_ database: Database) throws(SQLiteError) -> Int? {
        try database.transaction(.immediate) { database throws(SQLiteError) in
            guard try needsMigration(database) else { return nil }
            let current = try database.userVersion
            guard let next = migrations.first(where: { $0.version > current }) else { return nil }
            try next.apply(database)
            try database.setUserVersion(next.version)
            return next.version
        }
    }
}
