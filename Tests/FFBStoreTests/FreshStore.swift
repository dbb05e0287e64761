import FFBPostgres
import Foundation
import Testing
@testable import FFBStore

/// A new store in a new temporary directory named after `prefix` (tests run in parallel). With
/// `FFB_TEST_BACKEND=postgresql` it is a new database on the server `FFB_TEST_POSTGRES` names
/// instead, so the store's tests run on both backends; tests of what only a file does are marked
/// `.storeFile` and skip there.
func freshStore(_ prefix: String) throws -> (directory: URL, store: Store) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    guard ServerBackend.onServer else { return (directory, try Store.open(path: directory.appendingPathComponent("s.sqlite").path, create: true)) }
    return (directory, try Store.open(path: try ServerBackend.newDatabase(), create: true))
}

enum ServerBackend {
    static let onServer = ProcessInfo.processInfo.environment["FFB_TEST_BACKEND"] == "postgresql"

    /// A new, empty database's address (left for the test cluster to take away).
    static func newDatabase() throws -> String {
        guard let admin = ProcessInfo.processInfo.environment["FFB_TEST_POSTGRES"], !admin.isEmpty else {
            throw PGError(kind: .connection, message: "FFB_TEST_BACKEND=postgresql needs FFB_TEST_POSTGRES")
        }
        let name = "ffb_store_suite_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
        let connection = try PGConnection.connect(admin)
        defer { connection.close() }
        _ = try connection.execute("CREATE DATABASE \(name)")
        guard let scheme = admin.range(of: "://") else { return admin + " dbname=\(name)" }
        let rest = admin[scheme.upperBound...]
        let pathStart = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let query = rest[pathStart...].firstIndex(of: "?") ?? rest.endIndex
        return String(admin[..<pathStart]) + "/" + name + String(rest[query...])
    }
}

extension Trait where Self == ConditionTrait {
    /// A test of what only a store file does: skipped when the suite's stores are on the server.
    static var storeFile: Self {
        .disabled(if: ServerBackend.onServer, "a store file's own behaviour (FFB_TEST_BACKEND=postgresql puts the stores on the server)")
    }
}
