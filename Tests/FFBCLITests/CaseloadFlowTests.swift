import Foundation
import Testing

/// Finding and closing, and the caseload at a glance (issue 19), through the real binary: two
/// caseworkers' citizens, a planned follow-up, an order ended by a follow-up and one ended
/// explicitly, a case closed, judged on fixed days counted by hand.
@Suite struct CaseloadFlowTests {
    let directory: TemporaryDirectory
    let db: String

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("case.sqlite").path
    }

    @discardableResult
    func ffb(_ arguments: [String], as user: String = "anna") throws -> FFBProcess.Result {
        try FFBProcess.run(arguments + ["--db", db], environment: ["USER": user])
    }

    func ok(_ arguments: String..., as user: String = "anna") throws -> String {
        let result = try ffb(arguments, as: user)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func json(_ arguments: String...) throws -> [[String: Any]] {
        let result = try ffb(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try #require(try FFBProcess.json(result.stdout) as? [[String: Any]])
    }

    /// A refusal: exit 1, one line naming `message`, and the store exactly as it was.
    func refused(_ message: String, _ arguments: String...) throws {
        let before = try StoreShell.dump(db)
        let result = try ffb(arguments)
        #expect(result.status == 1, "\(arguments): \(result.stderr)")
        #expect(result.errorLines.count == 1 && result.stderr.contains(message), "\(arguments): \(result.stderr)")
        #expect(try StoreShell.dump(db) == before, "\(arguments) changed the store")
    }

    struct Recorded {
        var mette: String
        var jens: String
        var planned: String
        var quiet: String
        var ended: String
    }

    /// Mette Hansen (anna): `planned` from 2025-03-01, planned for 2025-09-01, followed up then with
    /// the next planned 2026-03-01; `quiet` from 2025-04-01, never followed up, nothing planned.
    /// Jens Holm (bo): `ended` from 2025-02-01, ended by a follow-up with status end 2025-08-01.
    func record() throws -> Recorded {
        let mette = try ok("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen")
        _ = try ok("case", "open", "--citizen", mette, "--case-number", "S-1", "--opened", "2025-01-10", "--municipality", "Aarhus", "--municipality-code", "0751")
        let order = ["--service", "Støtte til praktiske opgaver", "--provider-name", "Bostøtten Øst", "--provider-id", "SOR-1", "--support-level", "C"]
        let planned = try ffb(["order", "create", "--citizen", mette, "--case", "S-1", "--start", "2025-03-01", "--follow-up", "2025-09-01"] + order)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let quiet = try ffb(["order", "create", "--citizen", mette, "--case", "S-1", "--start", "2025-04-01"] + order).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ok("followup", "record", "--order", planned, "--date", "2025-09-01", "--support-level", "B", "--status", "continue", "--next", "2026-03-01")
        let jens = try ok("citizen", "add", "--cpr", "020290-2345", "--name", "Jens Holm", as: "bo")
        _ = try ok("case", "open", "--citizen", jens, "--case-number", "S-2", "--opened", "2025-01-10", "--municipality", "Aarhus", "--municipality-code", "0751", as: "bo")
        let ended = try ffb(["order", "create", "--citizen", jens, "--case", "S-2", "--start", "2025-02-01"] + order, as: "bo").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ok("followup", "record", "--order", ended, "--date", "2025-08-01", "--status", "end", as: "bo")
        return Recorded(mette: mette, jens: jens, planned: planned, quiet: quiet, ended: ended)
    }

    /// "order kind due days_overdue" of each caseload row, orders by their names here.
    func rows(_ records: [[String: Any]], _ recorded: Recorded) -> [String] {
        let names = [recorded.planned: "planned", recorded.quiet: "quiet", recorded.ended: "ended"]
        return records.map { "\(names[$0["order"] as? String ?? ""] ?? "?") \($0["kind"] ?? "") \($0["due"] ?? "") \($0["days_overdue"] ?? "")" }
    }

    @Test func theCaseloadShowsRunningOrdersWithWhatIsOverdueOnAFixedDay() throws {
        let recorded = try record()
        // 2026-03-01 → 2026-04-01 is 31 days; `quiet`'s year since its start falls due on the day (0).
        let caseload = try json("caseload", "--today", "2026-04-01")
        #expect(rows(caseload, recorded) == ["planned planned-follow-up 2026-03-01 31", "quiet no-follow-up-12-months 2026-04-01 0"])
        #expect(caseload.map { $0["citizen"] as? String } == [recorded.mette, recorded.mette])
        #expect(caseload.map { $0["overdue"] as? Bool } == [true, false])
        #expect(caseload.first?["next_follow_up"] as? String == "2026-03-01" && caseload.first?["last_follow_up"] as? String == "2025-09-01")
        #expect(caseload.first?["caseworker"] as? String == "anna" && caseload.first?["provider"] as? String == "Bostøtten Øst")
        #expect(caseload.allSatisfy { $0["cpr"] == nil })
        #expect(try json("caseload", "--today", "2026-04-01", "--user", "anna").count == 2)
        #expect(try json("caseload", "--today", "2026-04-01", "--user", "bo").isEmpty)
        #expect(rows(try json("caseload", "--today", "2026-04-01", "--overdue"), recorded) == ["planned planned-follow-up 2026-03-01 31"])

        // Five months, from the settings file: `quiet` 2025-09-01 is 30+31+30+31+31+28+31 = 212 days
        // ago, `planned`'s 2026-02-01 is 28+31 = 59. The flag wins over the file.
        let settings = try directory.write("settings.conf", "follow_up_months = 5\n")
        #expect(rows(try json("caseload", "--today", "2026-04-01", "--settings", settings.path), recorded) == [
            "quiet no-follow-up-5-months 2025-09-01 212", "planned no-follow-up-5-months 2026-02-01 59", "planned planned-follow-up 2026-03-01 31",
        ])
        #expect(rows(try json("caseload", "--today", "2026-04-01", "--settings", settings.path, "--follow-up-months", "12"), recorded).count == 2)
        let bad = try ffb(["caseload", "--follow-up-months", "0"])
        #expect(bad.status == 1 && bad.errorLines == ["ffb: --follow-up-months: \"0\" is not a whole number from 1 to 120"])

        // The table is for people, in Danish.
        let table = try ok("caseload", "--today", "2026-04-01")
        for word in ["Sagsstamme pr. 2026-04-01", "BORGER", "NÆSTE PLANLAGT", "FORFALDEN", "planlagt opfølgning", "31 dage over",
                     "ingen opfølgning i 12 mdr.", "i dag", "Mette Hansen"] {
            #expect(table.contains(word), "the caseload table lacks \(word):\n\(table)")
        }
        #expect(try ok("caseload", "--today", "2026-04-01", "--user", "bo").contains("Ingen igangværende indsatser."))
        let csv = try ok("caseload", "--today", "2026-04-01", "--format", "csv")
        #expect(csv.hasPrefix("citizen,name,caseworker,order,provider,provider_id,start,theme_count,last_follow_up,next_follow_up,kind,due,days_overdue,overdue"))
    }

    @Test func ordersEndAndCasesCloseOnceWithADateAndAReasonAndNothingElseIsWritten() throws {
        let recorded = try record()
        try refused("has already ended on 2025-08-01 (a follow-up ended it)", "order", "end", recorded.ended, "--date", "2025-12-01", "--reason", "x")
        try refused("starts on 2025-04-01; it cannot end before that", "order", "end", recorded.quiet, "--date", "2025-03-31", "--reason", "x")
        try refused("has a follow-up on 2025-09-01, after the end date 2025-08-31", "order", "end", recorded.planned, "--date", "2025-08-31", "--reason", "x")
        try refused("--reason: the reason is empty", "order", "end", recorded.quiet, "--date", "2025-12-01", "--reason", " ")
        try refused("is not a date", "order", "end", recorded.quiet, "--date", "2025-13-01", "--reason", "x")
        try refused("no order", "order", "end", "00000000", "--date", "2025-12-01", "--reason", "x")
        try refused("was opened on 2025-01-10; it cannot close before that", "case", "close", "S-1", "--date", "2025-01-09", "--reason", "x")
        try refused("after the closing date 2025-03-15", "case", "close", "S-1", "--date", "2025-03-15", "--reason", "x")
        try refused("unknown case S-9", "case", "close", "S-9", "--date", "2025-12-01", "--reason", "x")
        try refused("must be after this follow-up's date", "followup", "record", "--order", recorded.quiet, "--date", "2025-10-01", "--status", "continue",
                    "--next", "2025-10-01")
        try refused("plans no next follow-up", "followup", "record", "--order", recorded.quiet, "--date", "2025-10-01", "--status", "end", "--next", "2026-10-01")

        #expect(try ok("order", "end", recorded.quiet, "--date", "2026-04-01", "--reason", "Ønsker ikke støtten") == "Bestilling \(recorded.quiet) afsluttet 2026-04-01.")
        try refused("has already ended on 2026-04-01 (ended: Ønsker ikke støtten)", "order", "end", recorded.quiet, "--date", "2026-05-01", "--reason", "x")
        // Ended on the day it is judged: no longer running, so not in the caseload.
        #expect(rows(try json("caseload", "--today", "2026-04-01"), recorded) == ["planned planned-follow-up 2026-03-01 31"])
        let orders = try json("list", "orders", "--citizen", recorded.mette)
        #expect(orders.map { $0["ended"] as? String } == [nil, "2026-04-01"])
        #expect(orders.map { $0["end_cause"] as? String } == [nil, "order-ended"])
        #expect(try json("list", "orders").first { $0["id"] as? String == recorded.ended }?["end_cause"] as? String == "follow-up-end")
        #expect(try ok("order", "show", recorded.quiet).contains("  afsluttet             2026-04-01 (indsatsen afsluttet: Ønsker ikke støtten)"))
        #expect(try ok("order", "show", recorded.quiet, "--lang", "en").contains("  ended                 2026-04-01 (order ended: Ønsker ikke støtten)"))

        #expect(try ok("case", "close", "S-1", "--date", "2026-05-01", "--reason", "Flyttet") == "Sag S-1 afsluttet 2026-05-01.")
        try refused("case S-1 is already closed (on 2026-05-01)", "case", "close", "S-1", "--date", "2026-06-01", "--reason", "x")
        #expect(try json("caseload", "--today", "2026-05-01").isEmpty)
        let shown = try #require(try FFBProcess.json(try ok("citizen", "show", recorded.mette, "--format", "json")) as? [String: Any])
        let closings = try #require(shown["case_closings"] as? [[String: Any]])
        #expect(closings.map { "\($0["case"] ?? "") \($0["date"] ?? "") \($0["reason"] ?? "")" } == ["S-1 2026-05-01 Flyttet"])
        #expect((shown["order_ends"] as? [[String: Any]])?.map { $0["cause"] as? String } == ["case-closed", "order-ended"])
        #expect(try ok("check").contains("ok"))
    }

    @Test func followUpsAreListedWithTheirPlansAndCitizensAreFoundByName() throws {
        let recorded = try record()
        let mine = try json("list", "follow-ups", "--citizen", recorded.mette)
        #expect(mine.count == 1)
        #expect(mine.first?["order"] as? String == recorded.planned && mine.first?["date"] as? String == "2025-09-01")
        #expect(mine.first?["next_follow_up"] as? String == "2026-03-01" && mine.first?["recorded_by"] as? String == "anna")
        #expect(try json("list", "follow-ups", "--order", String(recorded.ended.prefix(8))).map { $0["status"] as? String } == ["end"])
        #expect(try json("list", "follow-ups").count == 2)
        let csv = try ok("list", "follow-ups", "--format", "csv")
        #expect(csv.hasPrefix("id,citizen,order,provider,provider_id,date,status,support_level,next_follow_up,goal_notes,recorded_by,entered_in_error\n"))
        #expect(csv.split(separator: "\n").count == 3)
        let bad = try ffb(["list", "follow-ups", "--citizen", recorded.jens, "--order", recorded.planned])
        #expect(bad.status == 1 && bad.errorLines.count == 1)

        let found = try json("citizen", "search", "METTE")
        #expect(found.map { $0["pseudonym"] as? String } == [recorded.mette] && found.first?["name"] as? String == "Mette Hansen")
        #expect(try json("citizen", "search", "holm").map { $0["name"] as? String } == ["Jens Holm"])
        // A new name is a new version; the old one still finds the citizen, shown by the new one.
        _ = try ok("citizen", "update", recorded.mette, "--name", "Mette Holm")
        #expect(try StoreShell.run(db, "SELECT name FROM citizens ORDER BY id").split(separator: "\n") == ["Mette Hansen", "Jens Holm"])
        let renamed = try json("citizen", "search", "hansen")
        #expect(renamed.first?["name"] as? String == "Mette Holm" && renamed.first?["matched_name"] as? String == "Mette Hansen")
        #expect(renamed.first?["former_names"] as? [String] == ["Mette Hansen"])
        #expect(try json("citizen", "search", "holm").map { $0["pseudonym"] as? String } == [recorded.jens, recorded.mette])
        #expect(try json("citizen", "search", "010190").isEmpty)
        #expect(try ok("citizen", "search", "zzz") == "Ingen borgere fundet for \"zzz\".")
        let empty = try ffb(["citizen", "search", " "])
        #expect(empty.status == 1 && empty.errorLines.count == 1)
    }
}
