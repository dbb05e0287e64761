import FFBCatalog
import FFBModel
import Testing
@testable import FFBCLI

/// What a line typed in the interactive assessment means: answers, notes, commands, and typos
/// that must be neither.
@Suite struct InteractiveInputTests {
    let catalog = BuiltInCatalogs.standard

    @Test func aScoredThemeTakesALevelALevelWithANoteOrANoteAlone() {
        #expect(ThemeInput.parse("2", scored: true) == .level(.assessed(.moderate), note: nil))
        #expect(ThemeInput.parse(" iv ", scored: true) == .level(.notAssessed, note: nil))
        #expect(ThemeInput.parse("ikke vurderet", scored: true) == .level(.notAssessed, note: nil))
        #expect(ThemeInput.parse("2 Går ture dagligt", scored: true) == .level(.assessed(.moderate), note: "Går ture dagligt"))
        #expect(ThemeInput.parse("3: Bruger rollator", scored: true) == .level(.assessed(.severe), note: "Bruger rollator"))
        #expect(ThemeInput.parse("iv Ville ikke tale om det", scored: true) == .level(.notAssessed, note: "Ville ikke tale om det"))
        #expect(ThemeInput.parse("Går ture dagligt", scored: true) == .note("Går ture dagligt"))
    }

    @Test func aMistypedLevelOrAStrayLetterIsNeitherAnAnswerNorANote() {
        for typo in ["5", "22", "x", "ok", "5 går ture", "-1"] {
            #expect(ThemeInput.parse(typo, scored: true) == .unclear, "\(typo)")
        }
    }

    @Test func anUnscoredThemeTakesRelevanceAndNotesButNoLevel() {
        #expect(ThemeInput.parse("r", scored: false) == .relevance(.relevant, note: nil))
        #expect(ThemeInput.parse("n", scored: false) == .relevance(.notRelevant, note: nil))
        #expect(ThemeInput.parse("n Har aldrig røget", scored: false) == .relevance(.notRelevant, note: "Har aldrig røget"))
        #expect(ThemeInput.parse("Ryger 20 om dagen", scored: false) == .note("Ryger 20 om dagen"))
        #expect(ThemeInput.parse("2", scored: false) == .noLevelHere)
        #expect(ThemeInput.parse("iv", scored: false) == .noLevelHere)
    }

    @Test func commandsAreWholeLinesOnly() {
        #expect(ThemeInput.parse("", scored: true) == .next)
        #expect(ThemeInput.parse("t", scored: true) == .back)
        #expect(ThemeInput.parse("b", scored: false) == .back)
        #expect(ThemeInput.parse("?", scored: true) == .help)
        #expect(ThemeInput.parse("Q", scored: true) == .stop)
        #expect(ThemeInput.parse("ryd", scored: true) == .clear)
        // A note that begins with a command word is a note.
        #expect(ThemeInput.parse("stop med at ryge", scored: false) == .note("stop med at ryge"))
    }

    @Test func theConfirmationTakesDanishAndEnglishYesAndNoAndNothingElse() throws {
        let themes = catalog.themes.filter { catalog.area($0.area)?.name == "Mobilitet" }
        for yes in ["j", "ja", "J", "y", "yes"] { #expect(SummaryChoice.parse(yes, themes: themes) == .save, "\(yes)") }
        for no in ["n", "nej", "no", "NEJ"] { #expect(SummaryChoice.parse(no, themes: themes) == .keep, "\(no)") }
        #expect(SummaryChoice.parse("", themes: themes) == .unclear)
        #expect(SummaryChoice.parse("måske", themes: themes) == .unknown)
        #expect(SummaryChoice.parse("jaa", themes: themes) == .unknown)
    }

    @Test func theSummaryFindsAThemeByItsNumberOrName() throws {
        let themes = catalog.themes.filter { catalog.area($0.area)?.name == "Mobilitet" }
        #expect(themes.count == 4)
        #expect(SummaryChoice.parse("2", themes: themes) == .edit(1))
        #expect(SummaryChoice.parse("9", themes: themes) == .noSuchNumber(9))
        let walking = try #require(themes.firstIndex { $0.name == "Gå og bevæge sig" })
        #expect(SummaryChoice.parse("gå og bevæge sig", themes: themes) == .edit(walking))
        #expect(SummaryChoice.parse("ga", themes: themes) == .edit(walking))
        #expect(SummaryChoice.parse("transport", themes: themes) == .edit(try #require(themes.firstIndex { $0.name == "Færdes med transportmidler" })))
        // A letter or two is too little to name a theme by.
        #expect(SummaryChoice.parse("k", themes: themes) == .unknown)
        #expect(SummaryChoice.parse("ns", themes: themes) == .unknown)
        // "ær" folds to "aer": in Bære … and Færdes ….
        #expect(SummaryChoice.parse("ær", themes: themes) == .ambiguous(["Bære, flytte og håndtere genstande", "Færdes med transportmidler"]))
    }
}
