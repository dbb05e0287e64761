import FFBCatalog
import FFBModel
import FFBStore

/// Every text the caseworker reads in `ffb assess --interactive`, in one place and in Danish (one
/// language per view, Danish by default): an English variant for `--lang en` is this enum again.
enum InteractiveWords {
    // MARK: Opening

    static func opening(citizen: String, date: String, caseNumber: String?, themes: Int) -> String {
        "Udredning af \(citizen), \(date)\(caseNumber.map { ", sag \($0)" } ?? ""): \(themes) temaer."
    }

    static func resuming(answered: Int, themes: Int) -> String {
        "Fortsætter kladden: \(answered) af \(themes) temaer er besvaret."
    }

    static let answerHelp = "Svar 0–4 eller iv (ikke vurderet); r/n (relevant/ikke relevant) ved temaer uden niveau. Anden tekst er et notat, fx »2 Går ture dagligt«."
    static let keyHelp = "Enter = videre · t = tilbage · ? = niveauer og definition · ryd = slet svaret · q = stop (svarene gemmes som kladde)"

    // MARK: One theme

    static func prompt(position: Int, count: Int, theme: String, scored: Bool) -> String {
        "[\(position)/\(count)] \(theme) (\(scored ? "0–4/iv" : "r/n")): "
    }

    static func levelAfterNote(theme: String) -> String {
        "  Niveau for \(theme) (0–4/iv): "
    }

    static func previous(_ latest: LatestLevel) -> String {
        "      Før: \(level(latest.level)) (\(latest.date.iso))"
    }

    static func current(_ answer: String) -> String {
        "      Nu: \(answer)"
    }

    static func noteTaken(_ note: String, needsLevel: Bool, relevance: String?) -> String {
        if needsLevel { return "  Notat gemt: »\(note)«. Temaet mangler stadig et niveau." }
        if let relevance { return "  Notat gemt: »\(note)« (\(relevance))." }
        return "  Notat gemt: »\(note)«."
    }

    static let cleared = "  Svaret er slettet."

    static func notAnAnswer(_ text: String, scored: Bool) -> String {
        scored
            ? "  »\(text)« er ikke et svar her: 0–4, iv, et notat på mindst 4 tegn, Enter, t, ? eller q."
            : "  »\(text)« er ikke et svar her: r, n, et notat på mindst 4 tegn, Enter, t, ? eller q."
    }

    static func noLevelHere(_ text: String) -> String {
        "  »\(text)«: dette tema får ikke et niveau (kun Aktivitet og deltagelse). Svar r, n eller et notat."
    }

    // MARK: Answers as read back

    static func level(_ level: Assessed<FunctionLevel>) -> String {
        switch level {
        case .assessed(let value): "\(value.cliValue) – \(value.danishName.lowercased())"
        case .notAssessed: "ikke vurderet"
        }
    }

    static func relevance(_ relevance: AssessmentEntry.Relevance) -> String {
        switch relevance {
        case .relevant: "relevant"
        case .notRelevant: "ikke relevant"
        case .unspecified: "uspecificeret"
        }
    }

    static let missingLevel = "mangler niveau"

    static func withNote(_ answer: String, note: String?) -> String {
        guard let note else { return answer }
        return "\(answer) · \(self.note(note))"
    }

    static func note(_ text: String) -> String { "notat: \(text)" }

    // MARK: `?`

    static func themeDefinition(_ theme: String, _ definition: String?) -> String {
        "\(theme): \(definition ?? "KL giver ingen definition af temaet.")"
    }

    static func levelsHeading(guide: String, ownTheme: Bool) -> String {
        ownTheme ? "Niveauer for temaet (\(guide)):" : "Niveauer (\(guide)):"
    }

    static let notAssessedLine = "iv  Ikke vurderet – tæller aldrig som 0"
    static let levelsUndefined = "KL definerer ikke niveauerne ud over deres navne (KL's FFB-terminologi giver navnet som definition)."
    static let unscoredHelp = "Temaet får ikke et niveau (kun temaer under Aktivitet og deltagelse). Svar r (relevant), n (ikke relevant) og/eller et notat."

    static func guidance(_ text: String) -> String { "Vejledning: \(text)" }
    static func source(_ text: String) -> String { "Kilde: \(text)" }

    // MARK: Summary

    static func summaryHeading(answered: Int, themes: Int) -> String {
        "Oversigt – \(answered) af \(themes) temaer besvaret:"
    }

    static func before(_ latest: LatestLevel) -> String {
        "før: \(latest.level.level?.cliValue ?? "iv"), \(latest.date.iso)"
    }

    static let noAnswers = "Ingen temaer er besvaret endnu."
    static func confirm(_ count: Int) -> String {
        "Gem \(count) svar? (j/n, eller et temanummer eller -navn for at rette): "
    }
    static let chooseTheme = "Vælg et tema (nummer eller navn), eller q for at stoppe: "
    static let confirmAgain = "  Svar j (gem), n (gem ikke nu; kladden bevares) eller et temanummer eller -navn."
    static func unknownTheme(_ text: String) -> String { "  Intet tema hedder »\(text)«; skriv nummeret fra oversigten." }
    static func ambiguousTheme(_ text: String, _ names: [String]) -> String {
        "  »\(text)« passer på flere temaer: \(names.prefix(4).joined(separator: ", "))\(names.count > 4 ? " …" : ""). Skriv nummeret."
    }
    static func noSuchNumber(_ number: Int, count: Int) -> String { "  Der er ingen tema nummer \(number) (1–\(count))." }
    static func levelsMissing(_ numbers: [Int]) -> String {
        "  Tema \(numbers.map(String.init).joined(separator: ", ")) har et notat men intet niveau: giv et niveau (0–4/iv) eller slet svaret (ryd)."
    }
    static let nothingToSave = "  Der er intet at gemme: besvar mindst ét tema."

    // MARK: Endings

    static let nothingSaved = "Intet gemt."
    static func draftKept(answers: Int) -> String {
        "Intet er gemt i databasen endnu. " + (answers == 1 ? "Dit ene svar er gemt som kladde." : "Dine \(answers) svar er gemt som kladde.")
    }
    static func resumeWith(_ command: String) -> String { "Fortsæt med: \(command)" }
    static func draftNotWritten(_ problem: InteractiveDraft.Problem) -> String {
        "  Advarsel: \(draftProblem(problem)); svarene findes kun i denne session."
    }
    static let draftLost = "Intet er gemt: kladden kunne ikke skrives (se advarslen ovenfor)."
    static func draftNotRemoved(_ problem: InteractiveDraft.Problem) -> String {
        "Advarsel: \(draftProblem(problem)); slet den selv, den er allerede gemt i databasen."
    }
    static func saved(id: String, scored: Int, noted: Int) -> String {
        "Udredning \(id) gemt: \(scored) tema(er) med niveau, \(noted) uden."
    }

    // MARK: Errors before the walk

    static let needsInput = "--interactive kræver en terminal eller input på stdin"
    static func draftExists(citizen: String, answers: Int, date: String, resume: String) -> String {
        "der er en kladde for \(citizen) (\(answers) svar, dato \(date)); fortsæt den med \(resume), eller start forfra med --discard-draft"
    }
    static func noDraft(_ citizen: String) -> String { "der er ingen kladde for \(citizen) at fortsætte" }
    static let resumeWithArea = "--resume fortsætter kladdens temaer; --area kan ikke ændre dem (start forfra med --discard-draft)"
    static let resumeAndDiscard = "giv --resume eller --discard-draft, ikke begge"
    static func draftProblem(_ problem: InteractiveDraft.Problem) -> String {
        let reason = switch problem.reason {
        case .notAFile: "ikke en fil"
        case .tooLarge: "for stor til at være en kladde"
        case .unknownForm: "ikke en kladde i en form, denne ffb kender"
        case .unreadable: "kan ikke læses"
        case .system(let text): text
        }
        return "\(problem.path): kladden: \(reason)"
    }
    static let startAfresh = "; start forfra med --discard-draft"
}
