import Foundation
import KLConformance
import Testing

/// Session 15's probes by a new user (a caseworker's slips, a provider's repeated import, an
/// analyst's extract with CPR numbers in it), re-run: each test fails on the code before its fix.
@Suite(.serialized) struct NewUserProbesTests: CaseStoreSuite {
    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory()
    }

    /// Runs `ffb`, expects exit 1, returns stderr.
    func refused(_ arguments: String...) throws -> String {
        let result = try FFBProcess.run(arguments)
        #expect(result.status == 1, "\(arguments) exited \(result.status): \(result.stderr)")
        return result.stderr
    }

    func count(_ db: String, _ table: String) throws -> Int {
        Int(try StoreShell.run(db, "SELECT count(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// `caseStore` and a goal on its order; returns (pseudonym, order id, goal id).
    func caseStoreWithGoal(_ db: String) throws -> (citizen: String, order: String, goal: String) {
        let (citizen, order) = try caseStore(db)
        let goal = try ok("goal", "add", "--order", order, "--theme", "Købe ind", "--type", "udvikle", "--expected", "2",
                          "--description", "Handler selv ind", "--db", db)
        return (citizen, order, goal)
    }

    // MARK: CPR numbers in an analyst's extract

    @Test func anExtractWhoseCitizensAreCPRNumbersIsRefusedWithoutQuotingThem() throws {
        let theme = "01770afa-cd17-41fe-a966-b8895e4d55d8"
        for (index, cpr) in ["010190-1234", "0101901234"].enumerated() {
            let file = directory.file("cpr-\(index).csv")
            try "citizen,theme,date,level\n\(cpr),\(theme),2024-01-01,3\n\(cpr),\(theme),2024-01-01,1\n".write(to: file, atomically: true, encoding: .utf8)
            for command in ["stats", "report"] {
                let arguments = command == "stats" ? ["stats", "--input", file.path] : ["report", "--input", file.path, "--out", path("r.html")]
                let result = try FFBProcess.run(arguments)
                #expect(result.status == 1)
                #expect(result.stderr == "\(file.path):2: the citizen is a CPR number; an extract names citizens by pseudonym, never by CPR number ('ffb export --extract csv' writes pseudonyms)\n")
                #expect(!result.stderr.contains("1234") && result.stdout.isEmpty)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path("r.html")))
    }

    @Test func aCPRNumberInAnotherColumnIsQuotedOnlyAsItsShape() throws {
        let file = directory.file("swapped.csv")
        try "citizen,theme,date,level\nP-1,010190-1234,2024-01-01,3\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try refused("stats", "--input", file.path) == "\(file.path):2: unknown theme \"######-####\"\n")
        try "citizen,theme,date,level\nP-1,010190 1234,2024-01-01,3\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try refused("stats", "--input", file.path) == "\(file.path):2: unknown theme \"######-####\"\n")
        try "citizen,theme,date,level\nP-1,01019012345,2024-01-01,3\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try refused("stats", "--input", file.path) == "\(file.path):2: unknown theme \"01019012345\"\n")
    }

    // MARK: Tariffs

    @Test(.storeFile) func aDailyRateIsDigitsWithAtMostTwoDecimalsOrTheFileIsRefused() throws {
        let db = path("t.sqlite")
        try ok("init", "--db", db)
        let file = directory.file("t.csv")
        for rate in ["1 234", "1_000", "0x10", "\"1.234.567\"", "\"1.234,50\"", "12.345", "-5", "1e3", "", "1000001"] {
            try "provider,support_level,daily_rate,valid_from,valid_to\nSOR-9,C,\(rate),2024-01-01,\n".write(to: file, atomically: true, encoding: .utf8)
            let message = try refused("tariff", "import", file.path, "--db", db)
            #expect(message.hasPrefix("\(file.path):2: daily rate "), "\(rate): \(message)")
        }
        #expect(try count(db, "tariffs") == 0)
        try "provider,support_level,daily_rate,valid_from,valid_to\nSOR-1,A,\"1234,5\",2024-01-01,\nSOR-1,B,99.05,2024-01-01,\nSOR-1,C,1000000,2024-01-01,\n"
            .write(to: file, atomically: true, encoding: .utf8)
        try ok("tariff", "import", file.path, "--db", db)
        #expect(try StoreShell.run(db, "SELECT group_concat(daily_rate_ore, ' ') FROM (SELECT daily_rate_ore FROM tariffs ORDER BY support_level)")
            .trimmingCharacters(in: .whitespacesAndNewlines) == "123450 9905 100000000")
    }

    // MARK: Records marked entered in error stay dead

    @Test(.storeFile) func aGoalMarkedEnteredInErrorIsNotRevisedBackToLife() throws {
        let db = path("g.sqlite")
        let recorded = try caseStoreWithGoal(db)
        try ok("mark-error", "--kind", "goal", "--id", recorded.goal, "--reason", "Skrevet på forkert borger", "--db", db)
        let goals = try count(db, "goals")
        #expect(try refused("goal", "revise", "--goal", recorded.goal, "--description", "Genopstået", "--db", db)
            .contains("goal \(recorded.goal) is marked entered in error; it is not revised (add a new goal instead)"))
        #expect(try count(db, "goals") == goals)
    }

    @Test(.storeFile) func nothingIsAddedToOrChangedOnAnOrderMarkedEnteredInError() throws {
        let db = path("o.sqlite")
        let recorded = try caseStoreWithGoal(db)
        try ok("mark-error", "--kind", "order", "--id", recorded.order, "--reason", "Forkert borger", "--db", db)
        let (goals, details) = (try count(db, "goals"), try count(db, "order_details"))
        #expect(try refused("order", "update", recorded.order, "--purpose", "nyt", "--db", db)
            .contains("order \(recorded.order) is marked entered in error; its purpose and payer account are not changed"))
        #expect(try refused("goal", "revise", "--goal", recorded.goal, "--description", "Y", "--db", db)
            .contains("order \(recorded.order) is marked entered in error; no goal is added to it or revised on it"))
        #expect(try count(db, "goals") == goals && count(db, "order_details") == details)
    }

    @Test(.storeFile) func aReasonOfSpacesIsNoReason() throws {
        let db = path("r.sqlite")
        let recorded = try caseStoreWithGoal(db)
        #expect(try refused("mark-error", "--kind", "goal", "--id", recorded.goal, "--reason", "   ", "--db", db)
            .contains("--reason: say why the record is entered in error"))
        #expect(try count(db, "entered_in_error") == 0)
    }

    // MARK: Dates a revision, a case or a CPR number cannot have

    @Test(.storeFile) func aRevisedGoalIsFollowedUpWithinItsOrderLikeANewOne() throws {
        let db = path("f.sqlite")
        let recorded = try caseStoreWithGoal(db)
        let goals = try count(db, "goals")
        #expect(try refused("goal", "revise", "--goal", recorded.goal, "--follow-up", "2024-01-01", "--lang", "en", "--db", db)
            .contains("the goal's follow-up is dated 2024-01-01, before order \(recorded.order) starts (2025-02-01)"))
        #expect(try count(db, "goals") == goals)
    }

    @Test(.storeFile) func aCaseIsNotOpenedBeforeItsCitizenWasBornNorACitizenBornAfterToday() throws {
        let db = path("b.sqlite")
        let citizen = try ok("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen", "--db", db)
        #expect(try refused("case", "open", "--citizen", citizen, "--case-number", "S-1", "--opened", "1985-02-10",
                            "--municipality", "Aarhus", "--municipality-code", "0751", "--lang", "en", "--db", db)
            .contains("case S-1 is dated 1985-02-10, before the citizen was born"))
        #expect(try count(db, "cases") == 0)
        // Century digit 5 with year 50: born 2050.
        let message = try refused("citizen", "add", "--cpr", "010150-5000", "--name", "Fremtid", "--lang", "en", "--db", db)
        #expect(message.contains("the CPR number's birth date is after today") && !message.contains("010150"))
        #expect(try count(db, "citizens") == 1)
    }

    // MARK: An order, and an import, written once

    @Test(.storeFile) func aServiceNamedTwiceOnAnOrderIsRefused() throws {
        let db = path("s.sqlite")
        let recorded = try caseStoreWithGoal(db)
        let orders = try count(db, "orders")
        #expect(try refused("order", "create", "--citizen", recorded.citizen, "--case", "S-1", "--service", "Socialpædagogisk støtte",
                            "--service", "Socialpædagogisk støtte", "--provider-name", "Bostøtten", "--provider-id", "SOR-1",
                            "--support-level", "C", "--start", "2025-03-01", "--db", db)
            .contains("service \"Socialpædagogisk støtte\" is named twice on the order"))
        #expect(try count(db, "orders") == orders)
    }

    @Test(.storeFile) func importingADocumentAgainLeavesNoTraceNotEvenAnAuditRow() throws {
        let db = path("i.sqlite")
        let example = FFBProcess.packageRoot.appendingPathComponent("Docs/examples/order.json").path
        try ok("init", "--db", db)
        try ok("import", "--db", db, example)
        let (writes, dump) = (try count(db, "writes"), try StoreShell.dump(db))
        let again = try ok("import", "--db", db, example, "--lang", "en")
        #expect(again.contains("1 already imported"))
        #expect(try count(db, "writes") == writes)
        #expect(try StoreShell.dump(db) == dump)
    }

    // MARK: Found by the shared-store probe, on a file store too

    @Test(.storeFile) func aCommandsOwnRefusalInsideAWriteIsTheUsersErrorNotTheStores() throws {
        let db = path("u.sqlite")
        let recorded = try caseStoreWithGoal(db)
        let result = try FFBProcess.run(["order", "update", recorded.order, "--purpose", "x", "--payer-account", "1-2", "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr == "ffb: order \(recorded.order) names no payer, so it has no payer account; a changed order is a new order\n")
    }

    @Test(.storeFile) func aCopyThatFailsLeavesNoStoreBehind() throws {
        let db = path("c.sqlite"), copy = path("copy.sqlite")
        _ = try caseStore(db)
        // A source missing a table fails once the copy has made its store.
        _ = try StoreShell.run(db, "DROP TABLE order_details")
        let result = try FFBProcess.run(["store", "copy", "--from", db, "--to", copy])
        #expect(result.status != 0)
        #expect(!FileManager.default.fileExists(atPath: copy), "\(result.stderr)")
    }
}
