import FFBCatalog
import FFBModel
import FFBStore
import Foundation
import Testing
@testable import FFBCLI

/// The interactive assessment as a library: lines in (`ScriptedLines`), text and an outcome out,
/// and every change handed to `keep` (the draft). The command and the terminal are covered by
/// `InteractiveAssessCommandTests` and `InteractiveTerminalTests`.
@Suite struct InteractiveAssessmentTests {
    let catalog = BuiltInCatalogs.standard
    /// Mobilitet, in catalogue order: Bære…, Gå og bevæge sig, Ændre…, Færdes med transportmidler.
    let mobility: [Theme]
    let tobacco: Theme

    init() throws {
        let catalog = BuiltInCatalogs.standard
        mobility = catalog.themes.filter { catalog.area($0.area)?.name == "Mobilitet" }
        tobacco = try catalog.resolveTheme("Tobak")
        #expect(mobility.map(\.name) == ["Bære, flytte og håndtere genstande", "Gå og bevæge sig", "Ændre og opretholde kropsstilling", "Færdes med transportmidler"])
    }

    final class Kept {
        var calls: [(answers: [KLCode: ThemeAnswer], position: Int)] = []
    }

    struct Walked {
        var outcome: InteractiveAssessment.Outcome
        var text: String
        var kept: [(answers: [KLCode: ThemeAnswer], position: Int)]
    }

    func walk(
        _ lines: [String], themes: [Theme]? = nil, previous: [KLCode: LatestLevel] = [:], guide: FunctionLevelGuide = BuiltInCatalogs.levelGuide,
        answers: [KLCode: ThemeAnswer] = [:], position: Int = 0
    ) -> Walked {
        let output = OutputSink.capture()
        let kept = Kept()
        var walk = InteractiveAssessment(
            catalog: catalog, themes: themes ?? mobility, input: ScriptedLines(lines), output: output, source: .caseworker,
            previous: previous, guide: guide, answers: answers, position: position, keep: { kept.calls.append(($0, $1)) }
        )
        let outcome = walk.run()
        return Walked(outcome: outcome, text: output.captured, kept: kept.calls)
    }

    func entry(_ theme: Theme, _ level: Assessed<FunctionLevel>?, relevance: AssessmentEntry.Relevance? = nil, note: String? = nil) throws -> AssessmentEntry {
        try AssessmentEntry(theme: theme, level: level, relevance: relevance, note: note, source: .caseworker)
    }

    func day(_ text: String) throws -> LocalDate { try #require(LocalDate(iso: text)) }

    /// Where the summary's answers start when the longest name is Bære, flytte og håndtere genstande.
    let noteColumn = String(repeating: " ", count: 2 + 1 + 2 + 34 + 2)

    // MARK: Notes

    @Test func aNoteOnAScoredThemeIsConfirmedKeptAndItsLevelAskedFor() throws {
        let walked = walk(["", "Går ture dagligt", "2", "", "", "j"])
        #expect(walked.outcome == .save([try entry(mobility[1], .assessed(.moderate), note: "Går ture dagligt")]))
        #expect(walked.text.contains("  Notat gemt: »Går ture dagligt«. Temaet mangler stadig et niveau.\n  Niveau for Gå og bevæge sig (0–4/iv): "))
        // The note was kept (the draft written) before the level came.
        #expect(walked.kept.contains { $0.answers[mobility[1].code] == ThemeAnswer(note: "Går ture dagligt") && $0.position == 1 })
    }

    @Test func twoNotesInOneVisitAddUpAndARevisitsNoteReplacesThem() throws {
        let walked = walk(["Går ture dagligt", "Bruger stok", "2", "", "", "", "j"])
        #expect(walked.outcome == .save([try entry(mobility[0], .assessed(.moderate), note: "Går ture dagligt; Bruger stok")]))
        #expect(walked.text.contains("Notat gemt: »Går ture dagligt; Bruger stok«. Temaet mangler stadig et niveau."))
        let revisited = walk(["Kun stok nu", "", "", "", "j"], answers: [mobility[0].code: ThemeAnswer(level: .assessed(.moderate), note: "Går ture dagligt")])
        #expect(revisited.outcome == .save([try entry(mobility[0], .assessed(.moderate), note: "Kun stok nu")]))
    }

    @Test func aLevelAndANoteInOneAnswer() throws {
        let walked = walk(["2 Går ture dagligt", "q"])
        #expect(walked.outcome == .kept(answers: 1))
        #expect(walked.text.contains("Notat gemt: »Går ture dagligt«."))
        #expect(walked.kept.last?.answers == [mobility[0].code: ThemeAnswer(level: .assessed(.moderate), note: "Går ture dagligt")])
        #expect(walked.kept.last?.position == 1)
    }

    @Test func aNoteAloneOnAnUnscoredThemeIsSavedAsRelevant() throws {
        let walked = walk(["Ryger 20 om dagen", "j"], themes: [tobacco])
        #expect(walked.text.contains("Notat gemt: »Ryger 20 om dagen« (relevant)."))
        #expect(walked.outcome == .save([try entry(tobacco, nil, relevance: .relevant, note: "Ryger 20 om dagen")]))
        let refused = walk(["2", "n Har aldrig røget", "j"], themes: [tobacco])
        #expect(refused.text.contains("»2«: dette tema får ikke et niveau"))
        #expect(refused.outcome == .save([try entry(tobacco, nil, relevance: .notRelevant, note: "Har aldrig røget")]))
    }

    @Test func aScoredThemeWithANoteButNoLevelIsNotSavedUntilItHasOne() throws {
        let walked = walk(["Går ture dagligt", "", "", "", "", "j", "1", "3", "j"])
        #expect(walked.text.contains("Tema 1 har et notat men intet niveau"))
        #expect(walked.text.contains("  1  Bære, flytte og håndtere genstande  mangler niveau\n" + noteColumn + "notat: Går ture dagligt\n"))
        #expect(walked.outcome == .save([try entry(mobility[0], .assessed(.severe), note: "Går ture dagligt")]))
    }

    // MARK: The summary

    @Test func theSummaryShowsEachAnswerOnceInWords() throws {
        let walked = walk(["3", "iv", "Bruger stok", "1", "", "r Ryger", "n"], themes: mobility + [tobacco])
        let summary = try #require(walked.text.components(separatedBy: "Oversigt – ").last)
        let lines = summary.split(separator: "\n").map(String.init)
        #expect(lines[0] == "4 af 5 temaer besvaret:")
        #expect(lines[1] == "  1  Bære, flytte og håndtere genstande  3 – svært nedsat funktionsevne")
        #expect(lines[2] == "  2  Gå og bevæge sig                    ikke vurderet")
        #expect(lines[3] == "  3  Ændre og opretholde kropsstilling   1 – let nedsat funktionsevne")
        #expect(lines[4] == noteColumn + "notat: Bruger stok")
        #expect(lines[5] == "  5  Tobak" + String(repeating: " ", count: 31) + "relevant")
        #expect(lines[6] == noteColumn + "notat: Ryger")
        #expect(!walked.text.contains("ikke-vurderet"))
        #expect(walked.outcome == .kept(answers: 4))
    }

    @Test func fromTheSummaryAThemeIsChangedByNumberOrNameAndTheSummaryComesBack() throws {
        let walked = walk(["3", "2", "1", "0", "2", "3 Bruger stok", "transport", "iv", "ja"])
        #expect(walked.outcome == .save([
            try entry(mobility[0], .assessed(.severe)), try entry(mobility[1], .assessed(.severe), note: "Bruger stok"),
            try entry(mobility[2], .assessed(.mild)), try entry(mobility[3], .notAssessed),
        ]))
        #expect(walked.text.components(separatedBy: "Oversigt – ").count - 1 == 3)
        #expect(walked.text.contains("      Nu: 2 – moderat nedsat funktionsevne\n[2/4] Gå og bevæge sig (0–4/iv): "))
        // After each change the draft says "at the summary" again.
        #expect(walked.kept.last?.position == 4)
    }

    @Test func theConfirmationReasksUntilItGetsAnAnswer() throws {
        let walked = walk(["1", "", "", "", "", "måske", "9", "y"])
        #expect(walked.text.contains("  Svar j (gem), n (gem ikke nu; kladden bevares) eller et temanummer eller -navn."))
        #expect(walked.text.contains("  Intet tema hedder »måske«"))
        #expect(walked.text.contains("  Der er ingen tema nummer 9 (1–4)."))
        #expect(walked.outcome == .save([try entry(mobility[0], .assessed(.mild))]))
        #expect(walk(["1", "", "", "", "nej"]).outcome == .kept(answers: 1))
    }

    // MARK: Stopping and going on

    @Test func endOfInputKeepsEveryAnswerGivenAndWhereTheWalkWas() throws {
        let walked = walk(["3", "Går ture dagligt"])
        #expect(walked.outcome == .kept(answers: 2))
        let last = try #require(walked.kept.last)
        #expect(last.position == 1)
        #expect(last.answers == [mobility[0].code: ThemeAnswer(level: .assessed(.severe)), mobility[1].code: ThemeAnswer(note: "Går ture dagligt")])
        #expect(walk([]).outcome == .nothing)
    }

    @Test func aResumedWalkStartsWhereItStoppedWithTheAnswersSoFar() throws {
        let answers = [mobility[0].code: ThemeAnswer(level: .assessed(.severe)), mobility[1].code: ThemeAnswer(note: "Går ture dagligt")]
        let walked = walk(["1", "", "", "j"], answers: answers, position: 1)
        #expect(!walked.text.contains("[1/4]"))
        #expect(walked.text.contains("      Nu: mangler niveau · notat: Går ture dagligt\n[2/4] Gå og bevæge sig"))
        #expect(walked.outcome == .save([try entry(mobility[0], .assessed(.severe)), try entry(mobility[1], .assessed(.mild), note: "Går ture dagligt")]))
        let atSummary = walk(["j"], answers: answers.filter { $0.key == mobility[0].code }, position: 4)
        #expect(atSummary.outcome == .save([try entry(mobility[0], .assessed(.severe))]))
        #expect(!atSummary.text.contains("[1/4]"))
    }

    @Test func rydForgetsATheme() throws {
        let walked = walk(["2 Går ture", "t", "ryd", "", "", "", "", "j", "q"])
        #expect(walked.text.contains("Svaret er slettet."))
        #expect(walked.text.contains("Der er intet at gemme"))
        #expect(walked.outcome == .nothing)
    }

    // MARK: What the caseworker is shown

    @Test func aReassessmentShowsEachThemesPreviousLevelAndDate() throws {
        let previous = [mobility[1].code: LatestLevel(level: .assessed(.severe), date: try day("2024-06-01"))]
        let walked = walk(["", "2", "q"], previous: previous)
        #expect(walked.text.contains("      Før: 3 – svært nedsat funktionsevne (2024-06-01)\n[2/4] Gå og bevæge sig (0–4/iv): "))
        #expect(!walked.text.contains("Før: 3 – svært nedsat funktionsevne (2024-06-01)\n[1/4]"))
        let summary = walk(["", "2", "", "", "n"], previous: previous)
        #expect(summary.text.contains("  2  Gå og bevæge sig  2 – moderat nedsat funktionsevne  (før: 3, 2024-06-01)"))
    }

    @Test func helpShowsTheThemesDefinitionTheLevelsAndTheGuideNeverANameAsADefinition() throws {
        let walked = walk(["?", "q"])
        let definition = try #require(mobility[0].definition)
        #expect(walked.text.contains(String(definition.prefix(40))))
        #expect(walked.text.contains("    2   Moderat nedsat funktionsevne\n"))
        #expect(walked.text.contains("KL definerer ikke niveauerne ud over deres navne"))
        #expect(walked.text.contains("Vejledning: Når du vurderer, om borgeren udfører en given aktivitet"))
        #expect(walked.text.contains("Kilde: KL, Fælleskommunal funktionsevneguide version 1.0"))
        for level in FunctionLevel.allCases {
            #expect(!walked.text.contains("\(level.danishName): \(level.danishName)"))
        }
    }

    @Test func helpShowsAThemesOwnLevelTextsWhereTheGuideHasThem() throws {
        let passage = FunctionLevelGuide.Passage(text: "Borgeren bærer selv indkøbsposer.", source: "test")
        let guide = FunctionLevelGuide(title: "Guide", general: [], levels: [:], themes: [mobility[0].code: [.none: passage]])
        let walked = walk(["?", "q"], guide: guide)
        #expect(walked.text.contains("  Niveauer for temaet (Guide):\n    0   Ingen nedsat funktionsevne\n        Borgeren bærer selv indkøbsposer.\n"))
        #expect(walked.text.contains("  Kilde: test"))
        #expect(!walked.text.contains("KL definerer ikke niveauerne"))
    }

    @Test func typosGetOneLineAndTheSamePromptAgain() throws {
        let walked = walk(["x", "5", "q"])
        #expect(walked.text.contains("  »x« er ikke et svar her: 0–4, iv, et notat på mindst 4 tegn, Enter, t, ? eller q.\n[1/4] Bære"))
        #expect(walked.text.contains("  »5« er ikke et svar her"))
        #expect(walked.outcome == .nothing)
    }
}
