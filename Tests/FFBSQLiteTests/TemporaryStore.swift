import Foundation
import Testing
@testable import FFBSQLite

/// Runs `body` with the path of a store file in a fresh directory that is
/// removed afterwards. Tests run in parallel, so each gets its own directory.
func withTemporaryStore<T>(_ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ffbsqlite-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: directory) }
    return try body(directory.appendingPathComponent("ffb.sqlite").path)
}

/// Opens the store at `path`, creating it when missing.
func createStore(at path: String, busyTimeout: Duration = .seconds(5)) throws -> Database {
    try Database(path: path, options: .init(create: true, busyTimeout: busyTimeout))
}

/// A store with a table of citizens keyed by CPR number, as the application has.
func citizenStore(at path: String) throws -> Database {
    let database = try createStore(at: path)
    try database.executeScript("""
        CREATE TABLE citizen (id INTEGER PRIMARY KEY, cpr TEXT NOT NULL UNIQUE, name TEXT NOT NULL);
        CREATE TABLE assessment (
            id INTEGER PRIMARY KEY,
            citizen_id INTEGER NOT NULL REFERENCES citizen(id),
            level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4)
        );
        """)
    return database
}

/// Counts the rows of `table`.
func count(_ table: String, in database: Database) throws -> Int {
    try database.firstRow("SELECT count(*) FROM \(table)")?.int(0) ?? -1
}
