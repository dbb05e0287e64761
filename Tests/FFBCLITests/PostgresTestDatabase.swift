import FFBPostgres
import Foundation
import Testing

/// A fresh, empty PostgreSQL database for one test, on the server `$FFB_TEST_POSTGRES` names
/// (`Scripts/pg-cluster start DIR` prints such an address; `.ci/run` sets it). Without it the
/// tests that need a server are skipped, saying so. Dropped again when the test lets go of it.
final class PostgresTestDatabase {
    /// The administrator's address of the test server, or nil when none is configured.
    static var adminAddress: String? {
        ProcessInfo.processInfo.environment["FFB_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    static let skipReason: Comment = "no PostgreSQL test server: set FFB_TEST_POSTGRES (Scripts/pg-cluster start DIR prints one)"

    let name: String
    let address: String
    private let admin: String
    /// Login roles a test made on the server (roles belong to the whole server): dropped with the database.
    var roles: [String] = []

    init() throws {
        guard let admin = Self.adminAddress else { throw PGError(kind: .connection, message: "FFB_TEST_POSTGRES is not set") }
        self.admin = admin
        name = "ffb_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        address = Self.address(admin, database: name)
        let connection = try PGConnection.connect(admin)
        defer { connection.close() }
        _ = try connection.execute("CREATE DATABASE \(name)")
    }

    deinit {
        guard let connection = try? PGConnection.connect(admin) else { return }
        _ = try? connection.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        for role in roles { _ = try? connection.execute("DROP ROLE IF EXISTS \"\(role)\"") }
        connection.close()
    }

    /// Runs SQL as the administrator on this test's database.
    func administer(_ sql: String) throws -> PGResult {
        let connection = try PGConnection.connect(address)
        defer { connection.close() }
        return try connection.execute(sql)
    }

    /// A role of this test's own (its name begins with the database's), to be dropped with it.
    func role(_ suffix: String) -> String {
        let role = "\(name)_\(suffix)"
        roles.append(role)
        return role
    }

    /// This database's address, logging in as `role` (trusted on the test server's socket).
    func address(as role: String) -> String {
        Self.address(address, role: role)
    }

    /// `address` logging in as `role` instead of the role it names.
    static func address(_ address: String, role: String) -> String {
        guard let scheme = address.range(of: "://") else { return address + " user=\(role)" }
        let rest = address[scheme.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let host = rest[..<authorityEnd].split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).last ?? ""
        let user = role.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? role
        return String(address[..<scheme.upperBound]) + user + "@" + host + rest[authorityEnd...]
    }

    /// Runs SQL on this test's database as `role`.
    func query(as role: String, _ sql: String) throws -> PGResult {
        let connection = try PGConnection.connect(address(as: role))
        defer { connection.close() }
        return try connection.execute(sql)
    }

    /// `address` naming `database` instead of the one it names.
    static func address(_ address: String, database: String) -> String {
        guard let scheme = address.range(of: "://") else { return address + " dbname=\(database)" }
        let rest = address[scheme.upperBound...]
        let pathStart = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let afterPath = rest[pathStart...].firstIndex(of: "?") ?? rest.endIndex
        return String(address[..<pathStart]) + "/" + database + String(rest[afterPath...])
    }
}
