import FFBPostgres
import Foundation
import Synchronization
import Testing

/// Which backend the suite's stores live on. With `FFB_TEST_BACKEND=postgresql` (and a server in
/// `FFB_TEST_POSTGRES`) every store path a test hands to `ffb` — `--db PATH`, `$FFB_DB`, `store
/// copy --from/--to` — becomes a PostgreSQL database of its own on that server, so the same tests
/// run against the shared store. A path whose SQLite file already exists (the demo builds its own)
/// is copied into its database first, with `ffb store copy`. The databases go with the test's
/// `TemporaryDirectory`. Tests of what only a store *file* does (its permissions, its journal, the
/// sqlite3 shell's view of it, a file replaced under a command) are marked `.storeFile` and skip.
enum StoreBackend {
    static let onServer = ProcessInfo.processInfo.environment["FFB_TEST_BACKEND"] == "postgresql"

    /// Store paths and their databases, for this test process.
    private static let databases = Mutex<[String: String]>([:])
    private static let prefix = "ffb_suite_"

    /// `arguments` and `environment` with every store path on the server, when the suite runs there.
    static func redirect(_ arguments: [String], environment: [String: String], directory: URL?) throws -> ([String], [String: String]) {
        guard onServer else { return (arguments, environment) }
        var arguments = arguments, environment = environment
        // A shared store records the role that logs in: `--user NAME` logs in as NAME, and a
        // test's `$USER` as that role (as libpq takes the login name when the address has none).
        // (Not a name no role can have: ffb refuses it as it refuses it in a file.)
        let user = (arguments.indices.dropLast().first { arguments[$0] == "--user" }.map { arguments[$0 + 1] } ?? environment["USER"])
            .flatMap { !$0.isEmpty && $0.utf8.count < 64 && !$0.unicodeScalars.contains { $0.properties.generalCategory == .control } ? $0 : nil }
        let copying = arguments.starts(with: ["store", "copy"])
        for index in arguments.indices.dropLast() where arguments[index] == "--db" || (copying && ["--from", "--to"].contains(arguments[index])) {
            let path = arguments[index + 1]
            // A copy's source is one that exists: a store made before, not one made now.
            let source = copying && arguments[index] == "--from"
            if isStorePath(path, in: directory), !source || isKnown(path, in: directory) || FileManager.default.fileExists(atPath: full(path, in: directory)) {
                arguments[index + 1] = try address(for: path, in: directory, as: user)
            }
        }
        if let given = environment["FFB_DB"], isStorePath(given, in: directory) { environment["FFB_DB"] = try address(for: given, in: directory, as: user) }
        return (arguments, environment)
    }

    private static func full(_ path: String, in directory: URL?) -> String {
        URL(fileURLWithPath: path, relativeTo: directory).standardizedFileURL.path
    }

    private static func isKnown(_ path: String, in directory: URL?) -> Bool {
        databases.withLock { $0[full(path, in: directory)] != nil }
    }

    /// Whether `path` names a store file, made or to be made: not a folder, a device or a file
    /// that is no SQLite database (those are a test of the file checks, which stay as they are).
    private static func isStorePath(_ path: String, in directory: URL?) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("postgres") else { return false }
        let full = full(path, in: directory)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) else { return true }
        guard !isFolder.boolValue, let file = FileHandle(forReadingAtPath: full) else { return false }
        defer { try? file.close() }
        return (try? file.read(upToCount: 16)) == Data("SQLite format 3\0".utf8)
    }

    /// The `--db` value for store path `path` on the suite's backend, for a command line a test
    /// writes out itself (a shell script): the path, or its database's address as `user`.
    static func location(_ path: String, user: String? = nil) throws -> String {
        onServer ? try address(for: path, in: nil, as: user) : path
    }

    /// The address of store path `path`, logging in as `user` (a role made for it on first use,
    /// a member of the server's administrator, so it may do what the administrator may).
    private static func address(for path: String, in directory: URL?, as user: String?) throws -> String {
        let address = try address(for: path, in: directory)
        guard let user, !path.hasPrefix("postgres"), let admin = PostgresTestDatabase.adminAddress else { return address }
        try roles.withLock { made throws in
            guard !made.contains(user) else { return }
            let connection = try PGConnection.connect(admin)
            defer { connection.close() }
            let literal = "'" + user.replacingOccurrences(of: "'", with: "''") + "'"
            _ = try connection.execute("""
                DO $$ BEGIN
                    BEGIN
                        EXECUTE format('CREATE ROLE %I LOGIN', \(literal));
                    EXCEPTION WHEN duplicate_object THEN NULL;
                    END;
                    EXECUTE format('GRANT %I TO %I', current_user, \(literal));
                END $$
                """)
            made.insert(user)
        }
        // Logged in as `user` (the audit's session_user), working as the administrator, so every
        // store's tables have one owner whoever made them.
        let working = try adminRole.withLock { known throws -> String in
            if let known { return known }
            let connection = try PGConnection.connect(admin)
            defer { connection.close() }
            let role = try connection.execute("SELECT current_user::text").string(0, 0)
            known = role
            return role
        }
        let login = PostgresTestDatabase.address(address, role: user)
        return login + (login.contains("?") ? "&" : "?") + "options=-c%20role%3D" + working
    }

    private static let adminRole = Mutex<String?>(nil)

    private static let roles = Mutex<Set<String>>([])

    /// The database of store path `path` (relative to `directory`), made on first use.
    static func address(for path: String, in directory: URL?) throws -> String {
        guard let admin = PostgresTestDatabase.adminAddress else {
            throw PGError(kind: .connection, message: "FFB_TEST_BACKEND=postgresql needs FFB_TEST_POSTGRES")
        }
        if path.hasPrefix("postgres") { return path }
        let full = full(path, in: directory)
        let (name, created) = try databases.withLock { known throws -> (String, Bool) in
            if let name = known[full] { return (name, false) }
            let name = prefix + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
            let connection = try PGConnection.connect(admin)
            defer { connection.close() }
            _ = try connection.execute("CREATE DATABASE \(name)")
            known[full] = name
            return (name, true)
        }
        let address = PostgresTestDatabase.address(admin, database: name)
        if created, FileManager.default.fileExists(atPath: full) {
            // A store some other way made (the demo's): the same records, on the server.
            let copy = try FFBProcess.run(["store", "copy", "--from", full, "--to", address], onSuiteBackend: false)
            guard copy.status == 0 else { throw PGError(kind: .connection, message: "copying \(full) to the server: \(copy.stderr)") }
        }
        return address
    }

    /// Drops the databases of the store paths under `directory` (a test's temporary directory).
    static func release(under directory: URL) {
        guard onServer, let admin = PostgresTestDatabase.adminAddress else { return }
        let root = directory.standardizedFileURL.path + "/"
        let names = databases.withLock { known -> [String] in
            let gone = known.filter { $0.key.hasPrefix(root) }
            for path in gone.keys { known[path] = nil }
            return Array(gone.values)
        }
        guard !names.isEmpty, let connection = try? PGConnection.connect(admin) else { return }
        for name in names { _ = try? connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        connection.close()
    }
}

extension Trait where Self == ConditionTrait {
    /// A test of what only a store file does: skipped when the suite's stores are on the server.
    static var storeFile: Self {
        .disabled(if: StoreBackend.onServer, "a store file's own behaviour (FFB_TEST_BACKEND=postgresql puts the stores on the server)")
    }
}

/// A look at a store's tables that is not our own code's, on the suite's backend: the sqlite3
/// shell for a file, libpq for the server's database of that path (rows as the shell prints them:
/// columns joined by `|`, NULL empty, one line per row).
enum StoreShell {
    static func run(_ db: String, _ sql: String) throws -> String {
        guard StoreBackend.onServer else { return try SQLiteShell.run(db, sql) }
        // The server keeps its own pages sound (checksums, WAL); there is no such check to run.
        if sql == "PRAGMA integrity_check" { return "ok\n" }
        let connection = try PGConnection.connect(try StoreBackend.address(for: db, in: nil))
        defer { connection.close() }
        var lines: [String] = []
        for statement in sql.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !statement.isEmpty {
            let result = try connection.execute(statement)
            for row in 0..<result.rowCount {
                lines.append((0..<result.columnCount).map { result.isNull(row, $0) ? "" : result.string(row, $0) }.joined(separator: "|"))
            }
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// What the store says to `sql` on standard error (a write it refuses): the shell's words,
    /// or the server's message.
    static func errors(_ db: String, _ sql: String) throws -> String {
        guard StoreBackend.onServer else {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
            process.arguments = [db, sql]
            let pipe = Pipe()
            process.standardError = pipe
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        do {
            _ = try run(db, sql)
            return ""
        } catch let error as PGError {
            return error.message
        }
    }

    /// Everything the store holds, to tell "nothing was written": the sqlite3 shell's `.dump`, or
    /// every table's rows on the server.
    static func dump(_ db: String) throws -> String {
        guard StoreBackend.onServer else { return try SQLiteShell.dump(db) }
        let tables = try run(db, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
        // One line per row, named as the shell's `.dump` names it, so a filter on "INSERT INTO writes" works alike.
        return try tables.split(separator: "\n").map { table in
            try run(db, "SELECT * FROM \"\(table)\" ORDER BY 1").split(separator: "\n").map { "INSERT INTO \(table) VALUES(\($0));\n" }.joined()
        }.joined()
    }
}

