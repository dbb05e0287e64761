import CSQLite
import FFBFiles
import FFBPostgres

/// One connection to an SQLite store.
///
/// Thread confinement: a `Database` is deliberately not `Sendable`. Use it
/// from one thread or task at a time, and open a second `Database` for
/// another thread or process; SQLite's own locking (WAL mode, busy timeout)
/// then coordinates the connections. The connection is opened in SQLite's
/// multi-thread mode (no per-call mutex), which is safe exactly because of
/// this confinement.
///
/// Every connection runs with WAL journaling, `foreign_keys = ON`, a busy
/// timeout and the configured `synchronous` level. A new file is created
/// owner-only (0600) before SQLite opens it; SQLite gives its `-wal` and
/// `-shm` files the same mode.
package final class Database {
    /// The path given at open (`":memory:"` for an in-memory database).
    package let path: String
    /// The options the store was opened with.
    package let options: Options

    let connection: Connection
    /// The server connection when the store is a PostgreSQL database (`connection` then holds no
    /// SQLite handle). Statements, transactions and scripts go to whichever is there.
    let server: PGConnection?
    /// `serverRole`, once asked.
    private var sessionRole: String?
    var statementCache: StatementCache
    /// Names nested savepoints uniquely within this connection.
    var savepointDepth = 0
    /// Called with the SQL text of every statement this connection runs or prepares through
    /// `execute`, `query`, `firstRow`, `forEach`, `insertRows` and `prepare` (scripts and
    /// `queryPlan` excepted), each time it runs. Nil, the default, costs one check per statement.
    /// Tests use it to see every query a caller issues and ask SQLite how it plans them.
    package var statementObserver: ((String) -> Void)?

    /// Opens (and with `options.create`, creates) the store at `path`.
    ///
    /// - Throws: ``SQLiteError`` — `.cantOpen` for a missing file or
    ///   directory, `.notADatabase` for a file that is not SQLite, `.busy` when
    ///   another connection blocks switching to WAL.
    package init(path: String, options: Options = Options()) throws(SQLiteError) {
        let inMemory = path == ":memory:"
        if options.readOnly && options.create {
            throw SQLiteError(.misuse("a store cannot be both read-only and created"))
        }
        if options.create && !inMemory {
            try StoreFiles.createOwnerOnlyIfMissing(atPath: path)
        }
        // A file that is not SQLite at all is named as such (below) before its mode matters.
        if !inMemory, FileKind(path: path) == .regular(size: 0) || SQLiteSignature.matches(path) {
            try StoreFiles.requireOwnerOnly(storeAt: path)
        }
        if options.immutable && !options.readOnly {
            throw SQLiteError(.misuse("an immutable store must be opened read-only"))
        }
        let access = options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        let flags = access | SQLITE_OPEN_NOMUTEX | (inMemory ? SQLITE_OPEN_MEMORY : 0) | (options.immutable ? SQLITE_OPEN_URI : 0)
        let connection = try Connection.open(path: options.immutable ? Self.immutableURI(path) : path, flags: flags)
        do {
            try Self.configure(connection, options: options, journal: inMemory || options.readOnly ? nil : "wal")
        } catch {
            connection.close()
            throw error
        }
        self.path = path
        self.options = options
        self.connection = connection
        self.server = nil
        self.statementCache = StatementCache(capacity: options.statementCacheCapacity)
    }

    /// Connects to a PostgreSQL database (`postgresql://…`, with the `PG*` variables for what it
    /// leaves out). `path` is then the address with its password replaced.
    ///
    /// - Throws: ``SQLiteError`` `.cantOpen` with the server's reason (never the password).
    package init(server address: String, options: Options = Options()) throws(SQLiteError) {
        let server: PGConnection
        do {
            server = try PGConnection.connect(address)
        } catch {
            throw SQLiteError(server: error, sql: nil)
        }
        self.path = server.location
        self.options = options
        self.connection = Connection.none
        self.server = server
        self.statementCache = StatementCache(capacity: options.statementCacheCapacity)
    }

    /// Whether `address` names a PostgreSQL database (`postgresql://…`) rather than an SQLite file.
    package static func isServerAddress(_ address: String) -> Bool { PGAddress.isPostgres(address) }
    /// A server's address with no password in it, to print or to name things by.
    package static func addressWithoutPassword(_ address: String) -> String { PGAddress.withoutPassword(address) }

    /// Whether this database is on a PostgreSQL server rather than in an SQLite file.
    package var isServer: Bool { server != nil }

    /// The database role this connection works as (`session_user`; it never changes for a
    /// connection), or nil for SQLite. What the audit trail and the access log must name.
    package var serverRole: String? {
        get throws(SQLiteError) {
            guard isServer else { return nil }
            if let role = sessionRole { return role }
            let role = try firstRow("SELECT session_user::text")?.string(0)
            sessionRole = role
            return role
        }
    }

    /// A new statement for `sql` on whichever engine this database uses.
    func makeStatement(_ sql: String, persistent: Bool) throws(SQLiteError) -> Statement {
        if let server { return try Statement(server: server, connection: connection, sql: sql) }
        return try Statement(connection: connection, sql: sql, persistent: persistent)
    }

    /// Fails unless the database is open.
    func requireOpen() throws(SQLiteError) {
        if let server {
            guard server.isOpen else { throw SQLiteError(.misuse("the database is closed")) }
            return
        }
        _ = try connection.requireHandle()
    }

    /// `file:` URI for `path` with `immutable=1`; characters a URI reserves are percent-encoded.
    static func immutableURI(_ path: String) -> String {
        var encoded = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return "file:\(encoded)?immutable=1"
    }

    /// A private database in memory, for tests and scratch work. It has no
    /// file, so no WAL.
    package static func inMemory(options: Options = Options()) throws(SQLiteError) -> Database {
        var options = options
        options.create = false
        options.readOnly = false
        return try Database(path: ":memory:", options: options)
    }

    deinit {
        close()
    }

    private static func configure(_ connection: Connection, options: Options, journal: String?) throws(SQLiteError) {
        let handle = try connection.requireHandle()
        sqlite3_busy_timeout(handle, options.busyTimeoutMilliseconds)
        // Reading the schema forces SQLite to read the file header, so a file
        // that is not a database fails here at open, not at first use.
        _ = try scalar("SELECT count(*) FROM sqlite_schema", on: connection)
        if let journal {
            let mode = try scalar("PRAGMA journal_mode = \(journal)", on: connection)
            guard mode == .text(journal) else {
                throw SQLiteError(.other(code: SQLITE_ERROR, message: "journal_mode is \(mode), expected \(journal)"))
            }
        }
        _ = try scalar("PRAGMA foreign_keys = ON", on: connection)
        _ = try scalar("PRAGMA synchronous = \(options.synchronous.rawValue)", on: connection)
        _ = try scalar("PRAGMA secure_delete = \(options.secureDelete ? "ON" : "OFF")", on: connection)
    }

    private static func scalar(_ sql: String, on connection: Connection) throws(SQLiteError) -> SQLiteValue {
        let statement = try Statement(connection: connection, sql: sql, persistent: false)
        return try statement.step() ? statement.value(at: 0) : .null
    }

    /// Finalizes cached statements and closes the connection. Statements
    /// obtained from ``prepare(_:)`` stop working; their memory is released
    /// when they are finalized. Closing twice is harmless.
    package func close() {
        statementCache.finalizeAll()
        connection.close()
        server?.close()
    }

    /// Whether ``close()`` has not been called yet.
    package var isOpen: Bool { server?.isOpen ?? connection.isOpen }

    /// The version of the SQLite library in use.
    package static var sqliteVersion: String { String(cString: sqlite3_libversion()) }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
