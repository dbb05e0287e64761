import Foundation
import Testing

/// Impossible records, as a new caseworker typed them (issue 19): each refused in one line with
/// exit 1 and the store byte for byte as before; the one real exception (an assessment that
/// predates its case, entered late) accepted only with a reason, which the audit keeps.
@Suite struct PlausibilityCommandTests {
    let directory: TemporaryDirectory
    let db: String
    /// Every write is judged against this day, not the machine's clock.
    static let today = "2026-06-01"

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("case.sqlite").path
    }

    /// The suite reads the rules' messages in English (`FFB_LANG=en`); the Danish default is
    /// checked on its own.
    static let english = ["USER": "anna", "FFB_LANG": "en"]

    func ffb(_ arguments: String..., environment: [String: String] = Self.english) throws -> FFBProcess.Result {
        try FFBProcess.run(arguments + ["--db", db], environment: environment)
    }

    /// A command that must succeed; a write is judged against `today`.
    func ok(_ arguments: String...) throws -> String {
        let reads = ["history", "check"]
        let result = try FFBProcess.run(arguments + ["--db", db] + (reads.contains(arguments[0]) ? [] : ["--today", Self.today]),
                                        environment: Self.english)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a write that must be refused; returns its one error line after checking the store is
    /// unchanged and nothing went to stdout.
    func refused(_ arguments: String..., file: String = #fileID, line: Int = #line) throws -> String {
        let before = try StoreShell.dump(db)
        let result = try FFBProcess.run(arguments + ["--db", db], environment: Self.english)
        let location = SourceLocation(fileID: file, filePath: file, line: line, column: 1)
        #expect(result.status == 1, "\(arguments): exit \(result.status), \(result.stderr)", sourceLocation: location)
        #expect(result.stdout.isEmpty, sourceLocation: location)
        #expect(try StoreShell.dump(db) == before, "a refused write changed the store", sourceLocation: location)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)", sourceLocation: location)
        return String(lines.first ?? "")
    }

    struct Case {
        var citizen: String
        var order: String
    }

    /// A citizen born 1990 on a case opened 2025-01-10, assessed 2025-02-01 (Købe ind 2, Lave mad
    /// 0), an order from 2025-03-01 followed up on 2025-09-01 and still running.
    func recordCase() throws -> Case {
        let citizen = try ok("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen")
        _ = try ok("case", "open", "--citizen", citizen, "--case-number", "S-2025-001", "--opened", "2025-01-10",
                   "--municipality", "Aarhus", "--municipality-code", "0751")
        _ = try ok("assess", "--citizen", citizen, "--case", "S-2025-001", "--date", "2025-02-01", "--theme", "Købe ind=2", "--theme", "Lave mad=0")
        let order = try ok("order", "create", "--citizen", citizen, "--case", "S-2025-001", "--service", "Støtte til praktiske opgaver",
                           "--provider-name", "Bostøtten Øst", "--provider-id", "SOR-123456", "--support-level", "C",
                           "--issued", "2025-02-15", "--start", "2025-03-01")
        _ = try ok("followup", "record", "--order", order, "--date", "2025-09-01", "--theme", "Købe ind=2", "--status", "continue")
        return Case(citizen: citizen, order: order)
    }

    /// A Danish caseworker reads the refusal, and the audit's note on a late record, in Danish.
    @Test func theRulesSpeakDanishByDefault() throws {
        let recorded = try recordCase()
        let before = try StoreShell.dump(db)
        let refusal = try FFBProcess.run(["assess", "--citizen", recorded.citizen, "--case", "S-2025-001", "--date", "2020-01-01",
                                          "--theme", "Købe ind=2", "--db", db], environment: ["USER": "anna"])
        #expect(refusal.status == 1)
        #expect(refusal.stderr == """
            ffb: udredningen er dateret 2020-01-01, før sag S-2025-001 blev oprettet (2025-01-10); er den indtastet sent, så skriv hvorfor med --backdated-reason TEKST

            """)
        #expect(try StoreShell.dump(db) == before)
        let late = try FFBProcess.run(["assess", "--citizen", recorded.citizen, "--case", "S-2025-001", "--date", "2024-12-20",
                                       "--theme", "Købe ind=2", "--db", db, "--backdated-reason", "Udredning fra sygehuset"], environment: ["USER": "anna"])
        #expect(late.status == 0)
        let history = try FFBProcess.run(["history", "--citizen", recorded.citizen, "--db", db]).stdout
        #expect(history.contains("bemærkning: indtastet sent (Udredning fra sygehuset): udredningen er dateret 2024-12-20, før sag S-2025-001 blev oprettet (2025-01-10)"))
        let check = try FFBProcess.run(["check", "--db", db]).stdout
        #expect(check.contains("  SE PÅ    plausibilitet: udredning ") && check.contains("før sag S-2025-001 blev oprettet"), "\(check)")
    }

    @Test func nothingMayBeDatedAfterToday() throws {
        let recorded = try recordCase()
        #expect(try refused("assess", "--citizen", recorded.citizen, "--date", "2031-01-01", "--theme", "Købe ind=2", "--today", Self.today)
            == "ffb: the assessment is dated 2031-01-01, after today (2026-06-01)")
        #expect(try refused("case", "open", "--citizen", recorded.citizen, "--case-number", "S-2", "--opened", "2026-06-02",
                            "--municipality", "Aarhus", "--municipality-code", "0751", "--today", Self.today)
            == "ffb: case S-2 is dated 2026-06-02, after today (2026-06-01)")
        // No reason makes a future date true.
        #expect(try refused("assess", "--citizen", recorded.citizen, "--date", "2031-01-01", "--theme", "Købe ind=2", "--today", Self.today,
                            "--backdated-reason", "typed in early").hasSuffix("after today (2026-06-01)"))
        // Without --today the machine's clock decides: 2031 is still to come.
        #expect(try refused("assess", "--citizen", recorded.citizen, "--date", "2999-01-01", "--theme", "Købe ind=2").contains("after today"))
    }

    @Test func anAssessmentBeforeItsCaseOpenedNeedsAReasonWhichTheAuditKeeps() throws {
        let recorded = try recordCase()
        #expect(try refused("assess", "--citizen", recorded.citizen, "--case", "S-2025-001", "--date", "2020-01-01",
                            "--theme", "Købe ind=2", "--today", Self.today)
            == "ffb: the assessment is dated 2020-01-01, before case S-2025-001 was opened (2025-01-10); if it was entered late, say why with --backdated-reason TEXT")
        _ = try ok("assess", "--citizen", recorded.citizen, "--case", "S-2025-001", "--date", "2024-12-20", "--theme", "Købe ind=2",
                   "--backdated-reason", "Udredning fra sygehuset, indtastet sent")
        let history = try ok("history", "--citizen", recorded.citizen)
        #expect(history.contains("entered late (Udredning fra sygehuset, indtastet sent): the assessment is dated 2024-12-20, before case S-2025-001 was opened (2025-01-10)"))
        // Still listed for review: entered knowingly, but the dates disagree.
        let check = try ok("check", "--format", "json")
        let object = try #require(try FFBProcess.json(check) as? [String: Any])
        let implausible = try #require(object["implausible"] as? [[String: String]])
        #expect(implausible.map { $0["rule"] } == ["before-case-opened"])
    }

    @Test func aFollowUpAfterItsOrderEndedIsRefusedAndTheSameOneAgainIsAlreadyRecorded() throws {
        let recorded = try recordCase()
        _ = try ok("followup", "record", "--order", recorded.order, "--date", "2026-03-01", "--theme", "Købe ind=1", "--status", "end")
        // Nor may a new goal come after the end.
        #expect(try refused("goal", "add", "--order", recorded.order, "--theme", "Købe ind", "--type", "udvikle", "--expected", "0",
                            "--description", "Et mål", "--today", Self.today)
            == "ffb: order \(recorded.order) ended on 2026-03-01; a goal is set on a running order")
        #expect(try refused("followup", "record", "--order", recorded.order, "--date", "2026-04-01", "--theme", "Købe ind=1",
                            "--status", "continue", "--today", Self.today)
            == "ffb: the follow-up is dated 2026-04-01, after order \(recorded.order) ended (2026-03-01); if the order did not end then, correct what ended it (a follow-up: --supersedes it, or ffb mark-error)")
        #expect(try refused("followup", "record", "--order", recorded.order, "--date", "2025-02-01", "--theme", "Købe ind=1",
                            "--status", "continue", "--today", Self.today)
            == "ffb: follow-up date 2025-02-01 is before the order starts (2025-03-01)")
        // The very same follow-up again is an idempotent re-run: exit 0, nothing written.
        let before = try StoreShell.dump(db)
        let again = try FFBProcess.run(["followup", "record", "--order", recorded.order, "--date", "2026-03-01", "--theme", "Købe ind=1",
                                        "--status", "end", "--db", db, "--today", Self.today], environment: Self.english)
        #expect(again.status == 0)
        #expect(again.stdout.contains("already records this"))
        #expect(try StoreShell.dump(db) == before)
    }

    @Test func aGoalWhoseExpectedLevelContradictsItsTypeIsRefused() throws {
        let recorded = try recordCase()
        func goal(_ theme: String, _ type: String, _ expected: String) throws -> String {
            try refused("goal", "add", "--order", recorded.order, "--theme", theme, "--type", type, "--expected", expected,
                        "--description", "Et mål", "--today", Self.today)
        }
        // Købe ind starts from 2 (assessed before the order's start), Lave mad from 0.
        #expect(try goal("Købe ind", "udvikle", "3")
            == "ffb: goal type udvikle on \"Købe ind\" expects level 3 from baseline 2; from that baseline it can expect a level below 2")
        #expect(try goal("Købe ind", "fastholde", "3").hasSuffix("it can expect level 2 itself"))
        #expect(try goal("Købe ind", "begraense-tab", "1").hasSuffix("it can expect level 2 or above (a level below it is a develop goal)"))
        #expect(try goal("Lave mad", "udvikle", "0").hasSuffix("it can expect nothing: level 0 cannot improve (a maintain goal keeps it)"))
        // The fitting ones go in, and a revision is judged the same way.
        let develop = try ok("goal", "add", "--order", recorded.order, "--theme", "Købe ind", "--type", "udvikle", "--expected", "1", "--description", "Handler selv ind")
        _ = try ok("goal", "add", "--order", recorded.order, "--theme", "Lave mad", "--type", "fastholde", "--expected", "0", "--description", "Laver mad")
        #expect(try refused("goal", "revise", "--goal", develop, "--expected", "3", "--today", Self.today).contains("expects level 3 from baseline 2"))
    }

    @Test func checkListsTheImplausibleRecordsAStoreAlreadyHolds() throws {
        let recorded = try recordCase()
        // A goal set before any level was recorded on its theme, then an assessment that the
        // goal contradicts: each write was plausible when made; together they are not.
        _ = try ok("goal", "add", "--order", recorded.order, "--theme", "Gøre rent", "--type", "udvikle", "--expected", "2", "--description", "Gør rent selv")
        _ = try ok("assess", "--citizen", recorded.citizen, "--case", "S-2025-001", "--date", "2025-02-20", "--theme", "Gøre rent=1")
        let clean = try ok("check", "--format", "json")
        let object = try #require(try FFBProcess.json(clean) as? [String: Any])
        let implausible = try #require(object["implausible"] as? [[String: String]])
        #expect(implausible.map { $0["rule"] } == ["goal-against-baseline"])
        #expect(implausible.first?["message"]?.hasSuffix("goal type udvikle on \"Gøre rent\" expects level 2 from baseline 1; from that baseline it can expect a level below 1") == true)
        // Judged against an earlier day, the later records are in the future.
        let earlier = try ffb("check", "--today", "2025-08-31")
        #expect(earlier.status == 0, "implausible records are for review, not a broken store")
        let review = earlier.stdout.split(separator: "\n").filter { $0.contains("REVIEW") }
        #expect(review.count == 2)
        #expect(review.first?.hasSuffix("is dated 2025-09-01, after today (2025-08-31)") == true)
        #expect(!earlier.stdout.contains("010190"))
    }

    @Test func nothingBeforeBirthNothingOnAClosedCaseAndNoDevelopGoalExpectingTheWorstLevel() throws {
        let recorded = try recordCase()
        #expect(try refused("assess", "--citizen", recorded.citizen, "--date", "1985-01-01", "--theme", "Købe ind=2", "--today", Self.today)
            == "ffb: the assessment is dated 1985-01-01, before the citizen was born")
        #expect(try refused("goal", "add", "--order", recorded.order, "--theme", "Gøre rent", "--type", "udvikle", "--expected", "4",
                            "--description", "Et mål", "--today", Self.today)
            == "ffb: goal type udvikle on \"Gøre rent\" expects level 4, and no level is worse: a develop goal expects a level below the baseline")
        // A reason where nothing is late would stand in the audit as if something were.
        #expect(try refused("assess", "--citizen", recorded.citizen, "--case", "S-2025-001", "--date", "2025-05-01", "--theme", "Købe ind=2",
                            "--today", Self.today, "--backdated-reason", "ikke nødvendig")
            == "ffb: nothing in this write predates its case; leave out --backdated-reason")
        // --today may only move the judging day back.
        #expect(try refused("assess", "--citizen", recorded.citizen, "--date", "2025-05-01", "--theme", "Købe ind=2", "--today", "2999-01-01")
            .hasPrefix("ffb: --today 2999-01-01 is after today ("))
        _ = try ok("case", "close", "S-2025-001", "--date", "2026-04-01", "--reason", "Flyttet")
        #expect(try refused("assess", "--citizen", recorded.citizen, "--case", "S-2025-001", "--date", "2026-05-01", "--theme", "Købe ind=2",
                            "--today", Self.today)
            == "ffb: the assessment is dated 2026-05-01, after case S-2025-001 was closed (2026-04-01)")
        #expect(try refused("order", "create", "--citizen", recorded.citizen, "--case", "S-2025-001", "--service", "Støtte til praktiske opgaver",
                            "--provider-name", "Bostøtten Øst", "--provider-id", "SOR-123456", "--support-level", "C",
                            "--issued", "2026-03-15", "--start", "2026-05-01", "--today", Self.today)
            .hasSuffix("is dated 2026-05-01, after case S-2025-001 was closed (2026-04-01)"))
    }

    @Test(.storeFile) func aWriteWithoutAUserNameIsRefused() throws {
        let result = try ffb("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", environment: ["USER": "", "LOGNAME": "", "FFB_LANG": "en"])
        #expect(result.status == 1)
        #expect(result.stderr == "ffb: who is writing? give --user NAME (or set $USER, or user = NAME in the settings file): the audit trail keeps a name with every write\n")
        #expect(!FileManager.default.fileExists(atPath: db))
        // A municipality's settings file may name the default writer (and the language).
        let settings = directory.file("ffb.settings")
        try "user = sagsbehandler-anna\nlang = en\n".write(to: settings, atomically: true, encoding: .utf8)
        let named = try ffb("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", "--phone", "+45 20 00 00 00",
                            environment: ["USER": "", "LOGNAME": "", "FFB_SETTINGS": settings.path, "FFB_LANG": "en"])
        #expect(named.status == 0, "\(named.stderr)")
        let history = try ffb("history", "--citizen", named.stdout.trimmingCharacters(in: .whitespacesAndNewlines), environment: ["FFB_SETTINGS": settings.path])
        #expect(history.stdout.contains("recorded "), "the settings' lang = en: \(history.stdout)")
        #expect(try StoreShell.run(db, "SELECT user FROM writes").trimmingCharacters(in: .whitespacesAndNewlines) == "sagsbehandler-anna")
    }
}
