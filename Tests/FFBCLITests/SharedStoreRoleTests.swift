import FFBPostgres
import FFBSQLite
import Foundation
import Testing

/// Who sees what in a shared store is the server's rule (issue 21): row-level security for
/// caseworkers and providers, column privileges for analysts. Each refusal is shown to come from
/// the server, both through ffb and in plain SQL as that role, and each test shows that without
/// its policy the same query would have leaked (so the test fails when the policy is removed).
@Suite(.enabled(if: PostgresTestDatabase.adminAddress != nil, PostgresTestDatabase.skipReason))
final class SharedStoreRoleTests {
    let server: PostgresTestDatabase
    let aarhus: String, copenhagen: String, provider: String, analyst: String
    /// Mette: a citizen of Aarhus with an order to SOR-123456; Jens: of Copenhagen, ordered elsewhere.
    var mette = "", jens = "", metteOrder = ""

    init() throws {
        server = try PostgresTestDatabase()
        aarhus = server.role("anna")
        copenhagen = server.role("bo")
        provider = server.role("bostotten")
        analyst = server.role("ana")
        try ok(["init"])
        try ok(["admin", "role", "add", aarhus, "--caseworker", "0751"])
        try ok(["admin", "role", "add", copenhagen, "--caseworker", "0101"])
        try ok(["admin", "role", "add", provider, "--provider", "SOR-123456"])
        try ok(["admin", "role", "add", analyst, "--analyst"])
        mette = try ok(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen"], as: aarhus)
        try ok(["case", "open", "--citizen", mette, "--case-number", "S-1", "--opened", "2025-01-10", "--municipality", "Aarhus", "--municipality-code", "0751"], as: aarhus)
        try ok(["assess", "--citizen", mette, "--case", "S-1", "--date", "2025-02-01", "--theme", "Købe ind=3"], as: aarhus)
        metteOrder = try ok(["order", "create", "--citizen", mette, "--case", "S-1", "--service", "Støtte til praktiske opgaver",
                             "--target-group", "Psykisk funktionsnedsættelse", "--provider-name", "Bostøtten", "--provider-id", "SOR-123456",
                             "--support-level", "C", "--issued", "2025-02-15", "--start", "2025-03-01"], as: aarhus)
        jens = try ok(["citizen", "add", "--cpr", "020285-2345", "--name", "Jens Nielsen"], as: copenhagen)
        try ok(["case", "open", "--citizen", jens, "--case-number", "S-2", "--opened", "2025-01-10", "--municipality", "København", "--municipality-code", "0101"], as: copenhagen)
        try ok(["assess", "--citizen", jens, "--case", "S-2", "--date", "2025-02-01", "--theme", "Købe ind=2"], as: copenhagen)
        try ok(["assess", "--citizen", jens, "--case", "S-2", "--date", "2025-08-01", "--theme", "Købe ind=1"], as: copenhagen)
    }

    @discardableResult
    func ok(_ arguments: [String], as role: String? = nil) throws -> String {
        let result = try run(arguments, as: role)
        #expect(result.status == 0, "\(arguments) as \(role ?? "owner"): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func run(_ arguments: [String], as role: String? = nil) throws -> FFBProcess.Result {
        try FFBProcess.run(arguments + ["--db", role.map(server.address(as:)) ?? server.address])
    }

    func count(_ sql: String, as role: String) throws -> String {
        try server.query(as: role, sql).string(0, 0)
    }

    @Test func aCaseworkerSeesOnlyTheCitizensOfTheirMunicipality() throws {
        #expect(try ok(["citizen", "list", "--format", "csv"], as: aarhus).contains(mette))
        #expect(!(try ok(["citizen", "list", "--format", "csv"], as: aarhus).contains(jens)))
        let hidden = try run(["citizen", "show", jens], as: aarhus)
        #expect(hidden.status == 1 && hidden.stderr.contains("unknown citizen \(jens)"), "\(hidden.stderr)")
        #expect(try run(["history", "--citizen", jens], as: aarhus).status == 1)
        #expect(try count("SELECT count(*) FROM citizens", as: aarhus) == "1")
        #expect(try count("SELECT count(*) FROM theme_observations", as: aarhus) == "1")
        #expect(try count("SELECT count(*) FROM citizens", as: copenhagen) == "1")
        // Nobody may change a record, not even their own.
        #expect(throws: PGError.self) { try self.server.query(as: self.aarhus, "UPDATE citizens SET name = 'x'") }
        // Without row security the same query would show Jens: the policy is what hides him.
        _ = try server.administer("ALTER TABLE citizens DISABLE ROW LEVEL SECURITY")
        #expect(try count("SELECT count(*) FROM citizens", as: aarhus) == "2")
    }

    @Test func aProviderSeesOnlyTheOrdersAddressedToIt() throws {
        let orders = try ok(["list", "orders", "--format", "csv"], as: provider)
        #expect(orders.contains(metteOrder) && orders.split(separator: "\n").count == 2, "\(orders)")
        #expect(try count("SELECT count(*) FROM orders", as: provider) == "1")
        #expect(try count("SELECT count(*) FROM citizens", as: provider) == "1")
        #expect(try count("SELECT count(*) FROM assessments", as: provider) == "1")
        #expect(try run(["history", "--citizen", jens], as: provider).status == 1)
        _ = try server.administer("ALTER TABLE assessments DISABLE ROW LEVEL SECURITY")
        #expect(try count("SELECT count(*) FROM assessments", as: provider) == "3")
    }

    @Test func anAnalystReadsPseudonymsButNeverACPRNumberOrAName() throws {
        for sql in ["SELECT cpr FROM citizens", "SELECT name FROM citizens", "SELECT * FROM citizen_contacts", "SELECT message FROM order_messages",
                    "SELECT note FROM theme_observations"] {
            #expect {
                _ = try self.server.query(as: self.analyst, sql)
            } throws: { error in (error as? PGError)?.kind == .insufficientPrivilege }
        }
        #expect(try count("SELECT count(pseudonym) FROM citizens", as: analyst) == "2")
        let show = try run(["citizen", "show", mette], as: analyst)
        #expect(show.status == 3 && show.stderr.contains("refused this to your role") && !show.stderr.contains("010190"), "\(show.stderr)")
        let stats = try run(["stats", "--min-n", "1", "--format", "csv"], as: analyst)
        #expect(stats.status == 0, "\(stats.stderr)")
        #expect(stats.stdout.contains("Købe ind") && !stats.stdout.contains("Mette") && !stats.stdout.contains("010190"))
        let directory = try TemporaryDirectory()
        let file = directory.file("extract.csv")
        let extract = try run(["export", "--extract", "csv", "--out", file.path], as: analyst)
        let rows = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        #expect(extract.status == 0 && rows.contains(jens) && !rows.contains("Jens") && !rows.contains("020285"), "\(extract.stderr)")
        // Whole cases in the exchange format carry CPR numbers: refused by the server.
        #expect(try run(["export", "--kind", "extract", "--out", directory.file("cases.json").path], as: analyst).status == 3)
        _ = try server.administer("GRANT SELECT ON citizens TO ffb_analyst")
        #expect(try count("SELECT count(cpr) FROM citizens", as: analyst) == "2")
    }

    @Test func onlyTheOwnerAdministersRoles() throws {
        let refused = try run(["admin", "role", "add", "someone", "--analyst"], as: aarhus)
        #expect(refused.status == 3 && refused.stderr.contains("refused this to your role"), "\(refused.stderr)")
        let listed = try ok(["admin", "role", "list", "--format", "csv"])
        #expect(listed.contains("\(aarhus),caseworker,0751,") && listed.contains("\(provider),provider,,SOR-123456"), "\(listed)")
        let onFile = try FFBProcess.run(["admin", "role", "list", "--db", try TemporaryDirectory().file("x.sqlite").path])
        #expect(onFile.status != 0)
    }

    /// Session 15's probe: a CPR number registered where the role cannot see it was a raw
    /// "UNIQUE constraint failed" with exit 3. It is the user's error, said plainly, and nothing
    /// is written.
    @Test func aCPRNumberRegisteredWhereTheRoleCannotSeeItIsAPlainRefusal() throws {
        let result = try run(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen"], as: copenhagen)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("already registered, where your role cannot see them"), "\(result.stderr)")
        #expect(!result.stderr.contains("UNIQUE") && !result.stderr.contains("010190"))
        #expect(try server.administer("SELECT count(*) FROM citizens").string(0, 0) == "2")
    }

    /// Session 15's probe: a writer behind a held write lock waited forever. It waits as long as
    /// SQLite's busy timeout (5 s), then says the store is busy and writes nothing.
    @Test func aWriterBehindAHeldWriteLockGivesUpAsBusy() throws {
        let holder = try PGConnection.connect(server.address)
        defer { holder.close() }
        _ = try holder.execute("SELECT pg_advisory_lock(\(Database.writeLockKey))")
        let started = Date()
        let result = try run(["citizen", "add", "--cpr", "040190-1204", "--name", "Dorte"], as: aarhus)
        let waited = Date().timeIntervalSince(started)
        #expect(result.status == 3 && result.stderr.contains("the store is busy"), "\(result.stderr)")
        #expect(waited > 4 && waited < 30, "waited \(waited) s")
        _ = try holder.execute("SELECT pg_advisory_unlock(\(Database.writeLockKey))")
        try ok(["citizen", "add", "--cpr", "040190-1204", "--name", "Dorte"], as: aarhus)
    }

    /// Session 15's probe: the owner dropped two append-only triggers, deleted the access log and
    /// renamed a citizen, and `ffb check` said ok and writes went on. Both notice now.
    @Test func aDroppedTriggerOrRowSecurityIsFoundByCheckAndRefusedByWrites() throws {
        #expect(try run(["check"]).status == 0)
        _ = try server.administer("DROP TRIGGER citizens_append_only ON citizens")
        _ = try server.administer("ALTER TABLE orders DISABLE ROW LEVEL SECURITY")
        _ = try server.administer("ALTER TABLE goals DISABLE TRIGGER goals_no_truncate")
        let check = try run(["check", "--lang", "en"])
        #expect(check.status == 3)
        for problem in ["trigger citizens_append_only is missing", "row-level security on orders is off", "trigger goals_no_truncate is switched off"] {
            #expect(check.stdout.contains(problem), "\(problem): \(check.stdout)")
        }
        let write = try run(["citizen", "add", "--cpr", "040190-1204", "--name", "Dorte"], as: aarhus)
        #expect(write.status == 3 && write.stderr.contains("the store was changed outside ffb (trigger citizens_append_only is missing"), "\(write.stderr)")
        #expect(try server.administer("SELECT count(*) FROM citizens").string(0, 0) == "2")
    }
}
