import FFBCatalog
import Foundation
import Testing

/// A caseworker at a real terminal: the built `ffb` on a pseudo-terminal, keys typed, Ctrl-D
/// pressed, the printed resume command run as printed.
@Suite struct InteractiveTerminalTests {
    let directory: TemporaryDirectory
    let db: String

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("ffb.sqlite").path
    }

    func ok(_ arguments: [String]) throws -> String {
        let result = try FFBProcess.run(arguments + ["--db", db], environment: ["USER": "anna"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.storeFile) func ctrlDKeepsTheDraftThenThePrintedCommandResumesAndOneAnswerIsFixedFromTheSummary() throws {
        let pseudonym = try ok(["citizen", "add", "--cpr", "010190-1234", "--name", "Mette"])
        _ = try ok(["assess", "--citizen", pseudonym, "--date", "2024-06-01", "--theme", "Gå og bevæge sig=3"])
        let before = try StoreShell.dump(db)
        let draft = db + ".drafts/" + pseudonym + ".json"

        let first = try InteractiveTerminal(["assess", "--citizen", "010190-1234", "--date", "2025-02-01", "--interactive", "--area", "Mobilitet", "--db", db],
                                            environment: ["USER": "anna"])
        try first.waitFor("[1/4] Bære, flytte og håndtere genstande (0–4/iv): ")
        first.type("2 Går ture dagligt\n")
        try first.waitFor("Notat gemt: »Går ture dagligt«.")
        try first.waitFor("Før: 3 – svært nedsat funktionsevne (2024-06-01)")
        try first.waitFor("[2/4] Gå og bevæge sig (0–4/iv): ")
        first.type("3\n")
        try first.waitFor("[3/4] Ændre og opretholde kropsstilling (0–4/iv): ")
        first.endOfInput()
        #expect(try first.finish() == 0)
        let screen = first.screen
        #expect(screen.contains("Intet er gemt i databasen endnu. Dine 2 svar er gemt som kladde."))
        let resumeLine = try #require(screen.split(separator: "\n").first { $0.hasPrefix("Fortsæt med: ") })
        #expect(resumeLine == "Fortsæt med: ffb assess --interactive --resume --citizen \(pseudonym) --db \(db)")
        #expect(FileManager.default.fileExists(atPath: draft))
        #expect(try StoreShell.dump(db) == before)

        // The command exactly as printed.
        let words = resumeLine.dropFirst("Fortsæt med: ffb ".count).split(separator: " ").map(String.init)
        let second = try InteractiveTerminal(words, environment: ["USER": "anna"])
        try second.waitFor("Fortsætter kladden: 2 af 4 temaer er besvaret.")
        try second.waitFor("[3/4] Ændre og opretholde kropsstilling (0–4/iv): ")
        second.type("\n")
        try second.waitFor("[4/4] Færdes med transportmidler (0–4/iv): ")
        second.type("1\n")
        try second.waitFor("  2  Gå og bevæge sig                    3 – svært nedsat funktionsevne  (før: 3, 2024-06-01)")
        try second.waitFor("Gem 3 svar? (j/n, eller et temanummer eller -navn for at rette): ")
        second.type("2\n")
        try second.waitFor("      Nu: 3 – svært nedsat funktionsevne")
        try second.waitFor("[2/4] Gå og bevæge sig (0–4/iv): ")
        second.type("2 Bruger rollator ude\n")
        try second.waitFor("  2  Gå og bevæge sig                    2 – moderat nedsat funktionsevne  (før: 3, 2024-06-01)\n"
                           + String(repeating: " ", count: 41) + "notat: Bruger rollator ude\n")
        try second.waitFor("Gem 3 svar?")
        second.type("måske\n")
        try second.waitFor("Intet tema hedder »måske«")
        second.type("ja\n")
        try second.waitFor(" gemt: 3 tema(er) med niveau, 0 uden.")
        #expect(try second.finish() == 0)
        #expect(!FileManager.default.fileExists(atPath: draft))

        let stored = try StoreShell.run(db, """
            SELECT coalesce(CAST(o.level AS TEXT), 'iv') || ' ' || coalesce(o.note, '-') FROM assessments a
            JOIN theme_observations o ON o.assessment_id = a.id WHERE a.date = '2025-02-01' ORDER BY o.position
            """)
        #expect(stored == "2 Går ture dagligt\n2 Bruger rollator ude\n1 -\n")
        #expect(try StoreShell.run(db, "SELECT count(*) FROM assessments") == "2\n")
    }
}
