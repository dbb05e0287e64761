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

    /// Runs `statements` as `role` in one transaction; the server's refusal of any, or nil.
    func refusal(as role: String, _ statements: [String]) throws -> PGError? {
        let connection = try PGConnection.connect(server.address(as: role))
        defer { connection.close() }
        _ = try connection.execute("BEGIN")
        do {
            for statement in statements { _ = try connection.execute(statement) }
            _ = try connection.execute("COMMIT")
            return nil
        } catch {
            _ = try? connection.execute("ROLLBACK")
            return error
        }
    }

    /// A write row of the role's own, as any write begins (the audit names the role that writes).
    static let ownWrite = """
        INSERT INTO writes (id, at, "user", command) SELECT max(id) + 1, '2025-09-01T00:00:00.000Z', session_user, 'psql' FROM writes
        """

    /// Session 15's probe: with `WITH CHECK (true)`, a caseworker added, in plain SQL, a case in
    /// their own municipality for another municipality's citizen, and then saw the citizen's CPR
    /// number; a provider could do the same with an order to itself. A role now adds only where it
    /// already sees (schema 9), and the escalation is refused by the server.
    @Test func aRoleCannotAddItsWayToACitizenItCannotSee() throws {
        let jensID = try server.administer("SELECT id FROM citizens WHERE pseudonym = '\(jens)'").string(0, 0)
        let metteCase = try server.administer("SELECT id FROM cases WHERE case_number = 'S-1'").string(0, 0)
        let byCaseworker = try refusal(as: aarhus, [Self.ownWrite, """
            INSERT INTO cases (case_number, citizen_id, opened, municipality_name, municipality_code, write_id)
            SELECT 'S-EVIL', \(jensID), '2025-01-01', 'Aarhus', '0751', max(id) FROM writes
            """])
        #expect(byCaseworker?.kind == .insufficientPrivilege, "\(String(describing: byCaseworker))")
        let byProvider = try refusal(as: provider, [Self.ownWrite, """
            INSERT INTO orders (id, citizen_id, case_id, provider_name, provider_id, support_level, issued, start, write_id)
            SELECT '00000000-0000-4000-8000-00000000beef', \(jensID), \(metteCase), 'Bostøtten', 'SOR-123456', 'C', '2025-03-01', '2025-03-01', max(id) FROM writes
            """])
        #expect(byProvider?.kind == .insufficientPrivilege, "\(String(describing: byProvider))")
        // A mark on a record the role cannot see, and a look at a citizen it cannot see.
        let jensAssessment = try server.administer("SELECT a.id FROM assessments a WHERE a.citizen_id = \(jensID) LIMIT 1").string(0, 0)
        let mark = try refusal(as: aarhus, [Self.ownWrite, """
            INSERT INTO entered_in_error (target_kind, target_id, reason, write_id) SELECT 'assessment', '\(jensAssessment)', 'x', max(id) FROM writes
            """])
        #expect(mark?.kind == .insufficientPrivilege, "\(String(describing: mark))")
        let look = try refusal(as: aarhus, ["INSERT INTO access_log (at, \"user\", citizen_id, command) VALUES ('1999-01-01', session_user, \(jensID), 'x')"])
        #expect(look?.kind == .insufficientPrivilege, "\(String(describing: look))")
        #expect(try count("SELECT count(*) FROM citizens", as: aarhus) == "1")
        #expect(try server.administer("SELECT count(*) FROM cases").string(0, 0) == "2")
    }

    /// Session 15's probe: a role chose the access log's ids (inserting ids ahead of the sequence
    /// blocked every later look) and times (a look in 1999). Both are the server's now.
    @Test func theAccessLogsIdsAndTimesAreTheServers() throws {
        let metteID = try server.administer("SELECT id FROM citizens WHERE pseudonym = '\(mette)'").string(0, 0)
        #expect(try refusal(as: aarhus, ["INSERT INTO access_log (id, at, \"user\", citizen_id, command) VALUES (101, '1999-01-01', session_user, \(metteID), 'x'), (102, '1999-01-01', session_user, \(metteID), 'x')"]) == nil)
        let rows = try server.administer("SELECT id, at FROM access_log ORDER BY id")
        #expect(rows.string(0, 1).hasPrefix("20"), "\(rows.string(0, 1))")
        #expect(rows.string(0, 0) != "101")
        // The next look through ffb is logged, not blocked by a taken id.
        try ok(["citizen", "show", mette], as: aarhus)
        #expect(try server.administer("SELECT count(*) FROM access_log").string(0, 0) == "3")
    }
}
