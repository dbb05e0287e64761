import FFBCatalog
import FFBParallel
import FFBSQLite

extension Store {
    package func alongside<Here, There: Sendable>(
        _ other: @escaping @Sendable (any CaseStore) throws -> There, _ body: () throws -> Here
    ) throws -> (Here, There) {
        guard path != ":memory:", !database.isServer else { return (try body(), try other(self)) }
        let lastWrite = try Self.lastWrite(database)
        let path = self.path, catalog = self.catalog
        var here: Result<Here, any Error> = .failure(StoreError.database("not read"))
        // Nil when the second connection did not read (another committed state, or an error,
        // which the read here meets again).
        let there = WorkerPool.aside(meanwhile: { here = Result { try body() } }) {
            try? Self.onOwnConnection(path, catalog: catalog, lastWrite: lastWrite, other)
        }
        return (try here.get(), try there ?? other(self))
    }

    /// The id of the store's last audit row: every write appends one, so two connections that
    /// see the same one see the same committed state.
    static func lastWrite(_ database: Database) throws -> Int64 {
        try database.firstRow("SELECT COALESCE(MAX(id), 0) FROM writes")?.int64(0) ?? 0
    }

    /// `read` on a read-only connection of its own to the store at `path`; nil unless that
    /// connection sees the state whose last audit row is `lastWrite`.
    static func onOwnConnection<Value>(
        _ path: String, catalog: Catalog, lastWrite: Int64, _ read: (Store) throws -> Value
    ) throws -> Value? {
        let database = try Database(path: path, options: Database.Options(readOnly: true))
        defer { database.close() }
        return try database.transaction(.deferred, mapError: { $0 as any Error }) { database -> Value? in
            guard try Self.lastWrite(database) == lastWrite else { return nil }
            return try read(Store(database: database, catalog: catalog, path: path))
        }
    }
}
