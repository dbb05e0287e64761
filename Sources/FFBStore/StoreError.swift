import FFBModel
import FFBSQLite
import Foundation

/// Why a store operation failed. `.invalid` and `.notFound` are the user's input (exit 1);
/// the rest, a missing store or a file that is not one included, are the store's trouble (exit 3,
/// CLI.md). Nothing was written in either case.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(String)
    case invalid(String)
    case missingStore(path: String)
    case busy
    case database(String)
    /// A rule the schema enforces was broken (a key already used, a missing reference, a check).
    case ruleBroken(StoreRule, String)
    /// The write would add nothing new (the same follow-up again): not an error, and nothing
    /// was written. The message says what the store already holds.
    case alreadyRecorded(String)

    public var description: String {
        switch self {
        case .notFound(let message), .invalid(let message): message
        case .missingStore(let path): "no store at \(path) (run 'ffb init' or give --db)"
        case .busy: "the store is busy (another ffb is writing); nothing was written, try again"
        case .database(let message), .alreadyRecorded(let message): message
        case .ruleBroken(_, let message): "store rule broken: \(message)"
        }
    }

    public var isUserError: Bool {
        switch self {
        // A missing store is a path the user gave (or left to the default) that holds none: bad input.
        case .notFound, .invalid: true
        case .missingStore: false
        case .busy, .database, .alreadyRecorded, .ruleBroken: false
        }
    }

    /// Runs `body`, turning whatever it throws into a `StoreError` (the store's typed boundary).
    static func mapping<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw from(error)
        }
    }

    /// Runs SQLite-only work (`{ () throws(SQLiteError) in … }`), turning its errors into a `StoreError`.
    static func mapping<T>(_ body: () throws(SQLiteError) -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch {
            throw StoreError(error)
        }
    }

    /// Any error a store operation met: the store's own, a model value's refusal, or SQLite's.
    package static func from(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? ModelError { return .invalid(error.message) }
        guard let error = error as? SQLiteError else { return .database("\(error)") }
        return StoreError(error)
    }

    /// Maps SQLite's errors; the SQL text and bound values (which may hold a CPR) are left out.
    init(_ error: SQLiteError) {
        switch error.kind {
        case .busy: self = .busy
        case .readOnly: self = .database("the store is read-only (read-only media or no write permission); nothing was written")
        case .full: self = .database("the disk is full; nothing was written")
        case .corrupt: self = .database("the store file is damaged")
        // Pointing --db at a file that is not SQLite at all is bad input, not a damaged store.
        case .notADatabase: self = .database("the file is not an ffb store (not an SQLite database)")
        case .cantOpen:
            // Our own file errors carry the system's reason ("cannot create the store file: Read-only file system").
            self = .database(error.code == 0 ? error.message : "cannot open the store file")
        case .insecurePermissions(let path, let mode):
            let files = StoreFiles.paths(forStoreAt: StoreFiles.storePath(of: path)).filter { FileManager.default.fileExists(atPath: $0) }
            self = .database("""
                \(path) can be read or written by others (mode \(String(mode, radix: 8))); ffb uses a store only while it is \
                owner-only: run chmod 600 \(files.joined(separator: " "))
                """)
        case .schemaTooNew(let found, let known): self = .database("the store has schema version \(found), newer than this ffb knows (\(known)); use a newer ffb")
        case .constraint(let message): self = .ruleBroken(StoreRule(error.constraintKind, message: message), message)
        case .unreachable(let reason): self = .database("cannot reach the store's database: \(reason)")
        case .permissionDenied(let reason): self = .database("the database refused this to your role: \(reason)")
        case .undefinedObject(let reason): self = .database("the database does not hold this ffb's store (\(reason))")
        default: self = .database(error.description)
        }
    }
}

/// Which of the store's rules a write broke, whatever the backend says in its own words.
public enum StoreRule: Sendable, Equatable {
    /// A record's key (its id, a case number, a CPR number) is already taken.
    case keyTaken
    /// A record points at one the store does not have.
    case missingReference
    /// A value the schema does not allow (a check or a missing value).
    case valueRefused
    /// A change to a stored record: records are only ever added.
    case appendOnly
    case other

    init(_ kind: SQLiteError.ConstraintKind?, message: String) {
        self = switch kind {
        case .unique, .primaryKey: .keyTaken
        case .foreignKey: .missingReference
        case .check, .notNull: .valueRefused
        // The append-only triggers refuse a taken key (an INSERT OR REPLACE) before SQLite's own
        // constraint would, and any update or delete: their messages are the schema's own.
        case .trigger: message.hasSuffix(Schema.replacedMessageSuffix) ? .keyTaken : .appendOnly
        case .other, nil: .other
        }
    }
}
