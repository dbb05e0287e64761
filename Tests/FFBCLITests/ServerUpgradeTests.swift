@testable import FFBStore
import FFBSQLite
import Foundation
import Testing

/// A shared store made by an earlier ffb is brought up to date by its owner's first command, and
/// only by the owner (schema 9 bounds what each role may add: Schema+Scopes.swift).
@Suite(.enabled(if: PostgresTestDatabase.adminAddress != nil, PostgresTestDatabase.skipReason))
final class ServerUpgradeTests {
    let server: PostgresTestDatabase

    init() throws {
        server = try PostgresTestDatabase()
        // The store as schema 8 made it: the server's first migration only.
        let database = try Database(server: server.address)
        defer { database.close() }
        try Migrator(Array(Schema.serverMigrations().prefix { $0.version <= Schema.serverBaseVersion })).migrate(database)
    }

    @Test func aStoreAtSchemaEightIsBroughtToNineByItsOwnersFirstCommand() throws {
        #expect(try server.administer("SELECT max(version) FROM ffb_schema_version").string(0, 0) == "8")
        #expect(try server.administer("SELECT count(*) FROM pg_policies WHERE tablename = 'entered_in_error'").string(0, 0) == "0")
        let check = try FFBProcess.run(["check", "--db", server.address, "--lang", "en"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("(schema version \(Schema.latestVersion))"))
        #expect(try server.administer("SELECT max(version) FROM ffb_schema_version").string(0, 0) == String(Schema.scopesVersion))
        #expect(try server.administer("SELECT count(*) FROM pg_policies WHERE tablename = 'entered_in_error'").string(0, 0) == "2")
        #expect(try server.administer("SELECT count(*) FROM pg_trigger WHERE tgname = 'access_log_server_row'").string(0, 0) == "1")
    }
}
