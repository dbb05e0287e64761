import FFBSQLite
import Foundation
import Testing
@testable import FFBStore

/// Every write compares the store's schema digest with `Schema.expectedDigest`; the constant
/// must be the digest of what the migrations make, checked here by building that schema, and by
/// Python's sqlite3 and hashlib as an independent computation of the same digest.
@Suite struct SchemaDigestTests {
    @Test func theExpectedDigestIsTheDigestOfTheSchemaTheMigrationsMake() throws {
        let expected = try #require(SchemaObject.expected)
        let digest = SchemaObject.digest(expected)
        #expect(digest == Schema.expectedDigest, "a migration changed the schema: set Schema.expectedDigest to \(digest)")
    }

    @Test func pythonComputesTheSameDigestOfAFreshStore() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ffb-digest-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try Store.open(path: path, create: true).close()
        let script = """
            import sqlite3, hashlib, sys
            rows = sqlite3.connect(sys.argv[1]).execute("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").fetchall()
            rows.sort(key=lambda r: (r[0], r[1]))
            print(hashlib.sha256(b"".join(f"{t}\\0{n}\\0{s or ''}\\0".encode() for t, n, s in rows)).hexdigest())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == Schema.expectedDigest)
    }
}
