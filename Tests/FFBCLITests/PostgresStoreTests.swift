import FFBPostgres
import Foundation
import Testing

/// A store on a PostgreSQL server keeps the promises the SQLite file keeps, enforced by the
/// server itself (issue 21), and a server that cannot be used is one clear line, exit 3.
@Suite(.enabled(if: PostgresTestDatabase.adminAddress != nil, PostgresTestDatabase.skipReason))
struct PostgresStoreTests {
    @Test func theServerRefusesToChangeAStoredRecordWhoeverAsks() throws {
        let server = try PostgresTestDatabase()
        let citizen = try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", "--db", server.address])
        #expect(citizen.status == 0, "\(citizen.stderr)")
        // Even the administrator, outside ffb: the triggers refuse with the store's words.
        for sql in ["UPDATE citizens SET name = 'Anden'", "DELETE FROM citizens", "TRUNCATE writes CASCADE", "UPDATE writes SET command = 'x'"] {
            #expect {
                _ = try server.administer(sql)
            } throws: { error in
                (error as? PGError)?.sqlState == "FF001" && (error as? PGError)?.message.hasPrefix("append-only: ") == true
            }
        }
        let names = try server.administer("SELECT name FROM citizens")
        #expect(names.rowCount == 1 && names.string(0, 0) == "Mette Hansen")
    }

    @Test func theAuditNamesTheDatabaseRoleNotAFlag() throws {
        let server = try PostgresTestDatabase()
        let role = try server.administer("SELECT session_user::text").string(0, 0)
        // Nobody records in another's name: a --user that is not the role is refused, nothing written.
        let refused = try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", "--user", "someone-else", "--db", server.address])
        #expect(refused.status == 1)
        #expect(refused.errorLines == ["ffb: a shared store records who writes and looks as the database role you log in as (\(role)), not as \"someone-else\": log in as that role, or leave out --user"])
        #expect(try server.administer("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'").string(0, 0) == "0", "not even the store was made")
        // Without --user (whatever $USER says) the role is recorded, and as itself --user is taken.
        let result = try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", "--db", server.address], environment: ["USER": "someone-else"])
        #expect(result.status == 0, "\(result.stderr)")
        let show = try FFBProcess.run(["citizen", "list", "--user", role, "--db", server.address])
        #expect(show.status == 0, "\(show.stderr)")
        // caseload's --user says whose citizens to show, not who looks: another's is shown.
        let caseload = try FFBProcess.run(["caseload", "--user", "someone-else", "--db", server.address])
        #expect(caseload.status == 0, "\(caseload.stderr)")
        let users = try server.administer("SELECT \"user\" FROM writes")
        #expect(users.rowCount == 1 && users.string(0, 0) == role)
        #expect {
            _ = try server.administer("INSERT INTO writes (id, at, \"user\", command, hash) VALUES (2, 'x', 'someone-else', 'ffb x', 'x')")
        } throws: { error in (error as? PGError)?.sqlState == "FF001" }
    }

    /// A draft of an interactive assessment on a shared store is the caseworker's own: in their
    /// state folder, named by the store without its password, and resumed from there.
    @Test func anInteractiveDraftOfASharedStoreStaysInTheUsersOwnFolder() throws {
        let server = try PostgresTestDatabase()
        let home = try TemporaryDirectory()
        let work = try TemporaryDirectory()
        let address = server.address + (server.address.contains("?") ? "&" : "?") + "password=hemmeligt"
        let environment = ["XDG_STATE_HOME": home.url.path]
        let citizen = try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", "--db", address]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let first = try FFBProcess.run(["assess", "--citizen", citizen, "--date", "2025-02-01", "--interactive", "--area", "Mobilitet", "--db", address],
                                       stdin: "3\n", environment: environment, in: work.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Dit ene svar er gemt som kladde."), "\(first.stdout)")
        // The command to resume with names the store, never its password.
        #expect(first.stdout.contains("Fortsæt med: ffb assess --interactive --resume --citizen \(citizen) --db '\(server.address)'"), "\(first.stdout)")
        #expect(!first.stdout.contains("hemmeligt") && !first.stderr.contains("hemmeligt"))
        let folders = try FileManager.default.contentsOfDirectory(atPath: home.file("ffb").path)
        #expect(folders.count == 1 && folders[0].hasPrefix("server-") && folders[0].hasSuffix(".drafts"), "\(folders)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.file("ffb/\(folders[0])").path) == [citizen + ".json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.url.path).isEmpty, "nothing in the working folder")
        #expect(!folders[0].contains("hemmeligt"))
        // The same store under the same address finds it; nothing is in the store until it is saved.
        let resumed = try FFBProcess.run(["assess", "--citizen", citizen, "--interactive", "--resume", "--db", address],
                                         stdin: "2\n\n\nj\n", environment: environment, in: work.url)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Fortsætter kladden: 1 af 4 temaer er besvaret."), "\(resumed.stdout)")
        #expect(try server.administer("SELECT count(*) FROM assessments").string(0, 0) == "1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.file("ffb/\(folders[0])").path).isEmpty)
    }

    @Test func aRefusedWriteLeavesNothingOnTheServer() throws {
        let server = try PostgresTestDatabase()
        #expect(try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", "--db", server.address]).status == 0)
        let before = try server.administer("SELECT count(*) FROM writes").string(0, 0)
        let duplicate = try FFBProcess.run(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", "--db", server.address])
        #expect(duplicate.status == 1 && duplicate.errorLines.count == 1)
        #expect(!duplicate.stderr.contains("010190"), "the refusal does not repeat the CPR number")
        #expect(try server.administer("SELECT count(*) FROM writes").string(0, 0) == before)
    }

    @Test func aServerThatCannotBeUsedIsOneLineAndExitThree() throws {
        let server = try PostgresTestDatabase()
        let role = server.role("pw")
        _ = try server.administer("CREATE ROLE \(role) LOGIN PASSWORD 'Rigtig-1'")
        let port = URLComponents(string: server.address)?.queryItems?.first { $0.name == "port" }?.value ?? "5432"
        let noServer = PostgresTestDatabase.address(server.address, database: server.name).replacingOccurrences(of: "port=\(port)", with: "port=1")
        let cases: [(String, String)] = [
            (noServer, "cannot reach the store's database"),
            ("postgresql://\(role):Forkert-7@127.0.0.1:\(port)/\(server.name)", "password authentication failed"),
            (PostgresTestDatabase.address(server.address, database: server.name + "_none"), "does not exist"),
            (server.address, "no store at"),
        ]
        for (address, expected) in cases {
            let result = try FFBProcess.run(["citizen", "list", "--db", address])
            #expect(result.status == 3, "\(address): \(result.stderr)")
            #expect(result.errorLines.count == 1 && result.stderr.contains(expected), "\(result.stderr)")
            #expect(!result.stderr.contains("Forkert-7"), "never the password")
        }
        #expect(try FFBProcess.run(["init", "--db", server.address]).status == 0)
        _ = try server.administer("INSERT INTO ffb_schema_version (version) VALUES (99)")
        let newer = try FFBProcess.run(["citizen", "list", "--db", server.address])
        #expect(newer.status == 3 && newer.stderr.contains("schema version 99"), "\(newer.stderr)")
    }
}
