import FFBPostgres
import Foundation
import Testing

/// Who looked at whose personal data (issue 21): every view that shows a CPR number or a name
/// logs a row per citizen shown before it prints, with the command and the purpose given; views
/// without personal data log nothing. On a shared store the server names the role and only the
/// owner reads the log.
@Suite struct AccessLogTests {
    /// A citizen with a case, an assessment and an order, and a second citizen, on `db`.
    static func record(_ db: String, user: String = "sagsbehandler-anna") throws -> (mette: String, jens: String, order: String) {
        func ok(_ arguments: String...) throws -> String {
            let result = try FFBProcess.run(arguments + ["--db", db], environment: ["USER": user])
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let mette = try ok("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen")
        _ = try ok("case", "open", "--citizen", mette, "--case-number", "S-1", "--opened", "2025-01-10", "--municipality", "Aarhus", "--municipality-code", "0751")
        _ = try ok("assess", "--citizen", mette, "--case", "S-1", "--date", "2025-02-01", "--theme", "Købe ind=3")
        let order = try ok("order", "create", "--citizen", mette, "--case", "S-1", "--service", "Støtte til praktiske opgaver",
                           "--target-group", "Psykisk funktionsnedsættelse", "--provider-name", "Bostøtten", "--provider-id", "SOR-123456",
                           "--support-level", "C", "--issued", "2025-02-15", "--start", "2025-03-01")
        let jens = try ok("citizen", "add", "--cpr", "020285-2345", "--name", "Jens Nielsen")
        return (mette, jens, order)
    }

    static func log(_ citizen: String, db: String) throws -> [[String: Any]] {
        let result = try FFBProcess.run(["admin", "access-log", "--citizen", citizen, "--db", db, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try #require(try FFBProcess.json(result.stdout) as? [[String: Any]])
    }

    @Test func everyViewOfNamesOrCPRNumbersIsLoggedBeforeItPrints() throws {
        let directory = try TemporaryDirectory()
        let db = directory.file("log.sqlite").path
        let (mette, jens, order) = try Self.record(db)
        #expect(try Self.log(mette, db: db).isEmpty, "recording is in the audit trail, not the access log")
        let views: [[String]] = [
            ["citizen", "show", mette, "--purpose", "Klage over afgørelse"], ["history", "--citizen", mette], ["order", "show", order],
            ["citizen", "list"], ["citizen", "search", "Mette"], ["export", "--kind", "order", "--id", order, "--out", directory.file("o.json").path],
            ["export", "--fhir", "reporting", "--reporting-organisation", "7f3c9a1e-2b4d-4e8f-9a6b-1c2d3e4f5a6b", "--out", directory.file("reports").path],
        ]
        for view in views {
            let result = try FFBProcess.run(view + ["--db", db], environment: ["USER": "sagsbehandler-bo"])
            #expect(result.status == 0, "\(view): \(result.stderr)")
        }
        // Views without names or CPR numbers log nothing.
        for view in [["stats", "--min-n", "1"], ["list", "orders"], ["progress", "--citizen", mette]] {
            #expect(try FFBProcess.run(view + ["--db", db]).status == 0)
        }
        let rows = try Self.log(mette, db: db)
        #expect(rows.map { $0["command"] as? String } == [
            "ffb citizen show", "ffb history", "ffb order show", "ffb citizen list", "ffb citizen search", "ffb export", "ffb export",
        ])
        #expect(rows.allSatisfy { $0["user"] as? String == "sagsbehandler-bo" })
        #expect(rows.first?["purpose"] as? String == "Klage over afgørelse")
        #expect(rows.dropFirst().allSatisfy { $0["purpose"] is NSNull })
        // Jens was shown by the list only (the search found Mette alone; he has no report to export).
        #expect(try Self.log(jens, db: db).map { $0["command"] as? String } == ["ffb citizen list"])
        let empty = try FFBProcess.run(["citizen", "show", mette, "--purpose", " ", "--db", db])
        #expect(empty.status == 1 && empty.stdout.isEmpty)
    }

    @Test(.enabled(if: PostgresTestDatabase.adminAddress != nil, PostgresTestDatabase.skipReason))
    func onASharedStoreTheServerNamesTheRoleAndOnlyTheOwnerReadsTheLog() throws {
        let server = try PostgresTestDatabase()
        let anna = server.role("anna")
        #expect(try FFBProcess.run(["init", "--db", server.address]).status == 0)
        #expect(try FFBProcess.run(["admin", "role", "add", anna, "--caseworker", "0751", "--db", server.address]).status == 0)
        let (mette, _, _) = try Self.record(server.address(as: anna))
        let shown = try FFBProcess.run(["citizen", "show", mette, "--purpose", "Tilsyn", "--db", server.address(as: anna)],
                                       environment: ["USER": "somebody-else"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let rows = try Self.log(mette, db: server.address)
        #expect(rows.map { "\($0["user"] ?? ""):\($0["command"] ?? ""):\($0["purpose"] ?? "")" } == ["\(anna):ffb citizen show:Tilsyn"])
        let refused = try FFBProcess.run(["admin", "access-log", "--citizen", mette, "--db", server.address(as: anna)])
        #expect(refused.status == 3 && refused.stderr.contains("refused this to your role"), "\(refused.stderr)")
        #expect {
            _ = try server.query(as: anna, "INSERT INTO access_log (at, \"user\", citizen_id, command) VALUES ('x', 'someone', 1, 'ffb x')")
        } throws: { error in (error as? PGError)?.sqlState == "FF001" }
    }
}
