import Foundation
import Testing

/// One language per view (issue 19): Danish by default wherever a person reads, English with
/// `--lang en` or `$FFB_LANG=en`; JSON keys and CSV headers are for programs and never change.
@Suite struct LanguageTests {
    let directory: TemporaryDirectory
    let db: String

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("case.sqlite").path
    }

    func ffb(_ arguments: String..., environment: [String: String] = [:]) throws -> String {
        let result = try FFBProcess.run(arguments + ["--db", db], environment: environment)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout
    }

    func storeWithOneOrder() throws -> (citizen: String, order: String) {
        let citizen = try ffb("citizen", "add", "--cpr", "010190-1234", "--name", "Mette Hansen").trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ffb("case", "open", "--citizen", citizen, "--case-number", "S-1", "--opened", "2025-01-10", "--municipality", "Aarhus", "--municipality-code", "0751")
        _ = try ffb("assess", "--citizen", citizen, "--case", "S-1", "--date", "2025-02-01", "--theme", "Købe ind=3")
        let order = try ffb("order", "create", "--citizen", citizen, "--case", "S-1", "--service", "Støtte til praktiske opgaver",
                            "--provider-name", "Bostøtten Øst", "--provider-id", "SOR-1", "--support-level", "C",
                            "--issued", "2025-02-15", "--start", "2025-03-01", "--follow-up", "2025-09-01").trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try ffb("followup", "record", "--order", order, "--date", "2025-09-01", "--theme", "Købe ind=2", "--status", "fortsæt", "--next", "2026-03-01")
        return (citizen, order)
    }

    @Test func listingsAndTheCaseloadAreDanishByDefaultAndEnglishOnRequest() throws {
        let recorded = try storeWithOneOrder()
        let danish = try ffb("list", "orders")
        #expect(danish.hasPrefix("ID") && danish.contains("UDFØRER") && !danish.contains("PROVIDER"))
        let english = try ffb("list", "orders", "--lang", "en")
        #expect(english.contains("PROVIDER") && !english.contains("UDFØRER"), "\(english)")
        let fromEnvironment = try ffb("list", "orders", environment: ["FFB_LANG": "en"])
        #expect(fromEnvironment == english)
        // Programs read the same JSON whatever the reader's language.
        #expect(try ffb("list", "orders", "--format", "json", "--lang", "en") == (try ffb("list", "orders", "--format", "json")))

        let caseload = try ffb("caseload", "--today", "2026-06-01")
        #expect(caseload.contains("Sagsstamme pr. 2026-06-01") && caseload.contains("UDFØRER"))
        let caseloadEnglish = try ffb("caseload", "--today", "2026-06-01", "--lang", "en")
        #expect(caseloadEnglish.contains("Caseload as of 2026-06-01") && caseloadEnglish.contains("PROVIDER") && !caseloadEnglish.contains("UDFØRER"))

        let show = try ffb("citizen", "show", recorded.citizen, "--lang", "en")
        #expect(show.contains("  order      \(recorded.order)") && show.contains("support C, from 2025-03-01"), "\(show)")
        let vis = try ffb("citizen", "show", recorded.citizen)
        #expect(vis.contains("  bestilling \(recorded.order)") && vis.contains("støtte C, fra 2025-03-01"), "\(vis)")
    }

    @Test func progressAndHistoryHoldOneLanguage() throws {
        let recorded = try storeWithOneOrder()
        let progress = try ffb("progress", "--citizen", recorded.citizen)
        #expect(progress.contains("udgangspunkt: første") && progress.contains("TEMAER") && !progress.contains("baseline"))
        let english = try ffb("progress", "--citizen", recorded.citizen, "--lang", "en")
        #expect(english.contains("baseline: first") && english.contains("THEMES") && !english.contains("TEMAER"))
        let history = try ffb("history", "--citizen", recorded.citizen)
        #expect(history.contains("opfølgning på bestilling") && history.contains("registreret ") && !history.contains("recorded "))
        let historyEnglish = try ffb("history", "--citizen", recorded.citizen, "--lang", "en")
        #expect(historyEnglish.contains("follow-up on order") && !historyEnglish.contains("registreret "))
    }

    @Test func aBadLanguageIsAUsageErrorAndABadEnvironmentValueIsInvalidInput() throws {
        let flag = try FFBProcess.run(["list", "orders", "--db", db, "--lang", "de"])
        #expect(flag.status == 2 && flag.stderr.contains("--lang"))
        let environment = try FFBProcess.run(["catalog", "list", "--kind", "areas"], environment: ["FFB_LANG": "de"])
        #expect(environment.status == 1)
        #expect(environment.stderr == "ffb: $FFB_LANG: \"de\" is not one of da, en\n")
    }
}
