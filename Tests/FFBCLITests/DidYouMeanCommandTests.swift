import Foundation
import Testing

/// A caseworker's typos, through the real binary: every unknown value gets one line with the
/// nearest known values, every bad value of a command is reported, exit 1, the store unchanged.
@Suite struct DidYouMeanCommandTests {
    let directory: TemporaryDirectory
    let db: String

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("case.sqlite").path
    }

    func ffb(_ arguments: [String]) throws -> FFBProcess.Result {
        try FFBProcess.run(arguments + ["--db", db], environment: ["USER": "sagsbehandler-anna"])
    }

    func ok(_ arguments: String...) throws -> String {
        let result = try ffb(arguments)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A citizen with a case and an order, ready for goals and follow-ups.
    func recordOrder() throws -> (citizen: String, order: String) {
        let citizen = try ok("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen")
        _ = try ok("case", "open", "--citizen", citizen, "--case-number", "S-1", "--opened", "2025-01-10", "--municipality", "Aarhus", "--municipality-code", "0751")
        let order = try ok("order", "create", "--citizen", citizen, "--case", "S-1", "--service", "Støtte til praktiske opgaver",
                           "--provider-name", "Bostøtten", "--provider-id", "SOR-1", "--support-level", "C", "--start", "2025-03-01")
        return (citizen, order)
    }

    /// Runs `arguments` and expects exactly `lines` on stderr, nothing on stdout, exit `status`
    /// and the store as it was.
    func expectRefused(_ arguments: [String], _ lines: [String], status: Int32 = 1) throws {
        let before = try StoreShell.dump(db)
        let result = try ffb(arguments)
        #expect(result.status == status, "\(arguments)")
        #expect(result.errorLines == lines, "\(arguments)")
        #expect(result.stdout.isEmpty, "\(arguments)")
        #expect(try StoreShell.dump(db) == before, "\(arguments) changed the store")
    }

    @Test func aThemeWithoutItsDanishLetterSuggestsTheTheme() throws {
        let (citizen, _) = try recordOrder()
        try expectRefused(["assess", "--citizen", citizen, "--date", "2025-05-01", "--theme", "Kobe ind=2"],
                          [#"ffb: --theme: unknown theme "Kobe ind"; did you mean "Købe ind"?"#])
    }

    @Test func everyBadThemeIsReportedOnItsOwnLine() throws {
        let (citizen, _) = try recordOrder()
        try expectRefused(["assess", "--citizen", citizen, "--date", "2025-05-01",
                           "--theme", "Kobe ind=2", "--theme", "Lave mad=2", "--theme", "Lav mda=1", "--theme", "xyz=3", "--note", "Tobka=Ryger"], [
            #"ffb: --theme: unknown theme "Kobe ind"; did you mean "Købe ind"?"#,
            #"ffb: --theme: unknown theme "Lav mda"; did you mean "Lave mad"?"#,
            #"ffb: --theme: unknown theme "xyz""#,
            #"ffb: --note: unknown theme "Tobka"; did you mean "Tobak"?"#,
        ])
    }

    @Test func anUnknownCitizenAndCaseAreReportedWithTheBadThemesAndDate() throws {
        let (citizen, _) = try recordOrder()
        let typo = String(citizen.dropLast()) + (citizen.hasSuffix("0") ? "1" : "0")
        try expectRefused(["assess", "--citizen", typo, "--case", "S-9", "--date", "2025-13-01", "--theme", "Kobe ind=2"], [
            #"ffb: --date: "2025-13-01" is not a date (YYYY-MM-DD)"#,
            #"ffb: --theme: unknown theme "Kobe ind"; did you mean "Købe ind"?"#,
            "ffb: unknown citizen \(typo); did you mean \"\(citizen)\"?",
            "ffb: unknown case S-9",
        ])
        try expectRefused(["followup", "record", "--order", "deadbeef", "--date", "2026-12-40", "--theme", "Kobe ind=2", "--status", "fortsat"], [
            #"ffb: --date: "2026-12-40" is not a date (YYYY-MM-DD)"#,
            #"ffb: --theme: unknown theme "Kobe ind"; did you mean "Købe ind"?"#,
            #"ffb: --status: "fortsat" is not a follow-up status (continue, fortsæt, end, afslut, end-and-refer, afslut-og-visiter); did you mean "fortsæt"?"#,
            "ffb: no order deadbeef",
        ])
        try expectRefused(["order", "create", "--citizen", typo, "--case", "S-9", "--service", "Støtte til praktiske opgaver",
                           "--provider-name", "Bostøtten", "--provider-id", "SOR-1", "--support-level", "C", "--start", "2025-03-01"], [
            "ffb: unknown citizen \(typo); did you mean \"\(citizen)\"?",
            "ffb: unknown case S-9",
        ])
    }

    @Test func aMistypedGoalTypeSuggestsTheSpellingMeant() throws {
        let (_, order) = try recordOrder()
        let types = "udvikle, fastholde, begraense-tab, develop, maintain, limit-loss"
        try expectRefused(["goal", "add", "--order", order, "--theme", "Købe ind", "--type", "udvikel", "--expected", "1", "--description", "Handler selv"],
                          [#"ffb: --type: "udvikel" is not a goal type (\#(types)); did you mean "udvikle"?"#])
        try expectRefused(["goal", "add", "--order", order, "--theme", "Kobe ind", "--type", "maintian", "--expected", "7",
                           "--secondary-theme", "Lave mda", "--description", "Handler selv"], [
            #"ffb: --theme: unknown theme "Kobe ind"; did you mean "Købe ind"?"#,
            #"ffb: --secondary-theme: unknown theme "Lave mda"; did you mean "Lave mad"?"#,
            #"ffb: --type: "maintian" is not a goal type (\#(types)); did you mean "maintain"?"#,
            #"ffb: --expected: "7" is not a level (0–4)"#,
        ])
    }

    @Test func goalTypesAndStatusesAreTakenInDanishAndEnglish() throws {
        let (_, order) = try recordOrder()
        for type in ["udvikle", "develop", "begrænse-tab", "begraense-tab", "limit-loss", "fastholde", "maintain"] {
            _ = try ok("goal", "add", "--order", order, "--theme", "Købe ind", "--type", type, "--expected", "1", "--description", "Mål \(type)")
        }
        _ = try ok("followup", "record", "--order", order, "--date", "2025-06-01", "--theme", "Købe ind=2", "--status", "fortsæt")
        _ = try ok("followup", "record", "--order", order, "--date", "2025-07-01", "--theme", "Købe ind=1", "--status", "continue")
    }

    @Test func aPseudonymACharacterOffSuggestsTheStoredOneAndNeverACPRNumber() throws {
        let (citizen, _) = try recordOrder()
        let typo = String(citizen.dropLast()) + (citizen.hasSuffix("Z") ? "Y" : "Z")
        try expectRefused(["assess", "--citizen", typo, "--date", "2025-05-01", "--theme", "Købe ind=2"],
                          ["ffb: unknown citizen \(typo); did you mean \"\(citizen)\"?"])
        let short = String(citizen.dropLast())
        try expectRefused(["assess", "--citizen", short, "--date", "2025-05-01", "--theme", "Købe ind=2"],
                          ["ffb: \"\(short)\" is neither a pseudonym (P-XXXXXXXX) nor a CPR number; did you mean \"\(citizen)\"?"])
        try expectRefused(["assess", "--citizen", "P-ZZZZZZZZ", "--date", "2025-05-01", "--theme", "Købe ind=2"], ["ffb: unknown citizen P-ZZZZZZZZ"])
        // A mistyped CPR number is not repeated, and no CPR number is offered.
        try expectRefused(["assess", "--citizen", "010190-12345", "--date", "2025-05-01", "--theme", "Købe ind=2"],
                          ["ffb: the citizen given is neither a pseudonym (P-XXXXXXXX) nor a CPR number"])
    }

    @Test func everyMistypedValueOfAnOrderIsReportedWithSuggestions() throws {
        let (citizen, _) = try recordOrder()
        try expectRefused(["order", "create", "--citizen", citizen, "--case", "S-1", "--service", "Stotte til praktiske opgaver",
                           "--offer-type", "Mobilt tilbd", "--target-group", "Psykisk funktionsnedsaettelse", "--provider-name", "B",
                           "--provider-id", "1", "--support-level", "ikke-vurderte", "--start", "2025-03-01"], [
            #"ffb: --service: unknown service "Stotte til praktiske opgaver"; did you mean "Støtte til praktiske opgaver"?"#,
            #"ffb: --offer-type: unknown offer type "Mobilt tilbd"; did you mean "Mobilt tilbud"?"#,
            #"ffb: --target-group: unknown target group "Psykisk funktionsnedsaettelse"; did you mean "Psykisk funktionsnedsættelse"?"#,
            #"ffb: --support-level: "ikke-vurderte" is not a support level (A–E or ikke-vurderet); did you mean "ikke-vurderet"?"#,
        ])
    }

    @Test func everyMistypedValueOfAFollowUpIsReportedWithSuggestions() throws {
        let (_, order) = try recordOrder()
        let statuses = "continue, fortsæt, end, afslut, end-and-refer, afslut-og-visiter"
        try expectRefused(["followup", "record", "--order", order, "--date", "2025-09-01", "--theme", "Kobe ind=2",
                           "--support-level", "F", "--status", "fortsat"], [
            #"ffb: --theme: unknown theme "Kobe ind"; did you mean "Købe ind"?"#,
            #"ffb: --support-level: "F" is not a support level (A–E or ikke-vurderet)"#,
            #"ffb: --status: "fortsat" is not a follow-up status (\#(statuses)); did you mean "fortsæt"?"#,
        ])
    }

    @Test func fixedChoicesOptionsAndCommandsSuggestToo() throws {
        _ = try recordOrder()
        try expectRefused(["list", "orders", "--format", "jsno"],
                          [#"ffb list orders: --format: "jsno" is not one of table, json, csv; did you mean "json"? (see 'ffb list orders --help')"#], status: 2)
        try expectRefused(["stats", "--by", "thme"], [
            #"ffb stats: --by: "thme" is not one of none, theme, area, intervention, provider, target-group, goal-type, municipality; did you mean "theme"? (see 'ffb stats --help')"#,
        ], status: 2)
        try expectRefused(["asess"], [#"ffb: unknown command "asess"; did you mean "assess"? (see 'ffb --help')"#], status: 2)
        try expectRefused(["assess", "--citzen", "P-1"], [#"ffb assess: unknown option --citzen; did you mean "--citizen"? (see 'ffb assess --help')"#], status: 2)
    }
}
