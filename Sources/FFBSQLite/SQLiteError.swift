import CSQLite

/// A failure from the store, classified so the application can act on it.
///
/// `description` names the kind and SQLite's own message (which names schema
/// objects such as `cases.cpr`, never bound values). The SQL text is kept in
/// ``sql`` for debugging and left out of `description`, so logging an error
/// cannot leak a CPR number even from SQL that was (wrongly) built by
/// interpolation. Bound values are never recorded anywhere.
package struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in terms the application can act on.
    package enum Kind: Sendable, Equatable {
        /// Another connection held the lock for longer than the busy timeout
        /// (SQLITE_BUSY or SQLITE_LOCKED). Retrying later may succeed.
        case busy
        /// A UNIQUE, NOT NULL, CHECK, FOREIGN KEY or PRIMARY KEY constraint
        /// failed; the message names the constraint.
        case constraint(String)
        /// A write was attempted on a read-only connection or file.
        case readOnly
        /// The disk or the database is full.
        case full
        /// The file is a database, but damaged.
        case corrupt
        /// The file is not an SQLite database at all.
        case notADatabase
        /// The file could not be opened or created.
        case cantOpen
        /// The operating system reported an I/O error.
        case ioError
        /// The file's `user_version` is newer than every migration this
        /// program knows; it was written by a newer program and was not touched.
        case schemaTooNew(found: Int, known: Int)
        /// A column held a storage class the caller did not ask for.
        case typeMismatch(column: String, expected: String, found: String)
        /// The API was used in a way that cannot work (wrong parameter count,
        /// unknown parameter name, closed database, …). A programming error.
        case misuse(String)
        /// The store file or its `-wal`/`-shm` companion is readable by
        /// others; `mode` is the permission bits found.
        case insecurePermissions(path: String, mode: Int)
        /// The database server could not be reached or refused the credentials (PostgreSQL);
        /// the message is the server's, never the password.
        case unreachable(String)
        /// The database role may not do this (PostgreSQL privileges or row-level security).
        case permissionDenied(String)
        /// A table or function the statement names is missing (PostgreSQL: no ffb store there).
        case undefinedObject(String)
        /// Any other SQLite result code.
        case other(code: Int32, message: String)
    }

    /// What went wrong.
    package let kind: Kind
    /// SQLite's extended result code, or 0 when the error did not come from SQLite.
    package let code: Int32
    /// SQLite's error message, or this module's own explanation.
    package let message: String
    /// The SQL text of the failing statement, for debugging only. Holds
    /// parameter placeholders, never bound values.
    package let sql: String?

    /// An error that did not come from an SQLite result code.
    package init(_ kind: Kind, message: String? = nil, sql: String? = nil) {
        self.kind = kind
        self.code = 0
        self.message = message ?? kind.summary
        self.sql = sql
    }

    /// An error for an SQLite result code, classified by its primary code.
    package init(code: Int32, message: String, sql: String? = nil) {
        self.kind = Kind(code: code, message: message)
        self.code = code
        self.message = message
        self.sql = sql
    }

    package var description: String {
        code == 0 ? message : "\(message) (SQLite result code \(code))"
    }

    /// Which kind of constraint failed, from SQLite's extended result code; nil for other errors.
    package enum ConstraintKind: Sendable, Equatable {
        case unique
        case primaryKey
        case foreignKey
        case check
        case notNull
        /// A trigger refused the change (the store's append-only rule).
        case trigger
        case other
    }

    package var constraintKind: ConstraintKind? {
        guard case .constraint = kind else { return nil }
        // sqlite3.h defines the extended codes as expressions Swift does not import:
        // SQLITE_CONSTRAINT | (n << 8) with CHECK 1, FOREIGNKEY 3, NOTNULL 5, PRIMARYKEY 6,
        // TRIGGER 7, UNIQUE 8, ROWID 10.
        return switch code >> 8 {
        case 8: .unique
        case 6, 10: .primaryKey
        case 3: .foreignKey
        case 1: .check
        case 5: .notNull
        case 7: .trigger
        default: .other
        }
    }
}

extension SQLiteError.Kind {
    init(code: Int32, message: String) {
        // Extended codes keep the primary code in the low byte.
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: self = .busy
        case SQLITE_CONSTRAINT: self = .constraint(message)
        case SQLITE_READONLY: self = .readOnly
        case SQLITE_FULL: self = .full
        case SQLITE_CORRUPT: self = .corrupt
        case SQLITE_NOTADB: self = .notADatabase
        case SQLITE_CANTOPEN: self = .cantOpen
        case SQLITE_IOERR: self = .ioError
        default: self = .other(code: code, message: message)
        }
    }

    /// A one-line explanation that never contains data values.
    var summary: String {
        switch self {
        case .busy: "database is busy"
        case .constraint: "constraint failed"
        case .readOnly: "database is read-only"
        case .full: "disk or database is full"
        case .corrupt: "database is corrupt"
        case .notADatabase: "file is not a database"
        case .cantOpen: "cannot open database file"
        case .ioError: "disk I/O error"
        case .schemaTooNew(let found, let known):
            "schema version \(found) is newer than this program knows (\(known)); refusing to touch it"
        case .typeMismatch(let column, let expected, let found):
            "column \(column) holds \(found), expected \(expected)"
        case .misuse(let explanation): explanation
        case .insecurePermissions(let path, let mode):
            "\(path) has mode \(String(mode, radix: 8)), expected 600"
        case .unreachable(let message), .permissionDenied(let message), .undefinedObject(let message): message
        case .other(let code, let message): "SQLite error \(code): \(message)"
        }
    }
}
