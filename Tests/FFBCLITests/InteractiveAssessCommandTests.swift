import FFBCatalog
import Foundation
import Testing
@testable import FFBCLI

/// `ffb assess --interactive` run in-process on a real store, its input given as lines: the
/// draft beside the store, the store untouched until the caseworker says yes, `--resume`, and
/// what is finally stored.
@Suite struct InteractiveAssessCommandTests {
    let directory: TemporaryDirectory
    let db: String
    let cpr = "010190-1234"
    let catalog = BuiltInCatalogs.standard

    init() throws {
        directory = try TemporaryDirectory()
        db = directory.file("ffb.sqlite").path
    }

    struct Ran {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    func ffb(_ arguments: [String], lines: [String] = []) -> Ran {
        let stdout = OutputSink.capture(), stderr = OutputSink.capture()
        let context = CommandContext(stdout: stdout, stderr: stderr, environment: ["USER": "anna"], currentDirectory: directory.url, stdin: ScriptedLines(lines))
        let status = FFBMain.run(arguments + ["--db", db], context: context)
        return Ran(status: status, stdout: stdout.captured, stderr: stderr.captured)
    }

    /// A citizen (by CPR number) with an earlier assessment of two Mobilitet themes; the pseudonym.
    func citizenAssessedBefore() throws -> String {
        let added = ffb(["citizen", "add", "--cpr", cpr, "--name", "Mette"])
        #expect(added.status == 0, "\(added.stderr)")
        let pseudonym = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let earlier = ffb(["assess", "--citizen", pseudonym, "--date", "2024-06-01", "--theme", "Gå og bevæge sig=3", "--theme", "Færdes med transportmidler=1"])
        #expect(earlier.status == 0, "\(earlier.stderr)")
        return pseudonym
    }

    func draftPath(_ pseudonym: String) -> String { db + ".drafts/" + pseudonym + ".json" }

    /// The stored entries of the assessment dated `date`: theme name, level (or iv) and note.
    func stored(on date: String) throws -> [String] {
        let rows = try StoreShell.run(db, """
            SELECT s.theme, coalesce(CAST(o.level AS TEXT), 'iv'), coalesce(o.note, '') FROM assessments a
            JOIN theme_observations o ON o.assessment_id = a.id JOIN theme_series s ON s.id = o.series_id
            WHERE a.date = '\(date)' ORDER BY o.position
            """)
        return try rows.split(separator: "\n").map { row in
            let fields = row.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let name = try #require(catalog.theme(KLCode(unchecked: fields[0]))).name
            return "\(name)=\(fields[1])" + (fields[2].isEmpty ? "" : " \(fields[2])")
        }
    }

    @Test(.storeFile) func endOfInputKeepsADraftAndTheStoreUnchangedThenResumeChangesOneAnswerAndSaves() throws {
        let pseudonym = try citizenAssessedBefore()
        let before = try StoreShell.dump(db)

        // Started by CPR number; two answers (the second a note that still wants its level), then end of input.
        let stopped = ffb(["assess", "--citizen", cpr, "--date", "2025-02-01", "--interactive", "--area", "Mobilitet"], lines: ["2 Går ture dagligt", "Bruger stok"])
        #expect(stopped.status == 0, "\(stopped.stderr)")
        #expect(stopped.stdout.contains("      Før: 3 – svært nedsat funktionsevne (2024-06-01)\n[2/4] Gå og bevæge sig (0–4/iv): "))
        #expect(stopped.stdout.contains("Intet er gemt i databasen endnu. Dine 2 svar er gemt som kladde.\n"))
        #expect(stopped.stdout.hasSuffix("Fortsæt med: ffb assess --interactive --resume --citizen \(pseudonym) --db \(db)\n"))
        #expect(!stopped.stdout.contains("010190"))
        #expect(try StoreShell.dump(db) == before)
        let draft = try String(contentsOfFile: draftPath(pseudonym), encoding: .utf8)
        #expect(draft.contains("\"note\" : \"Bruger stok\""))
        #expect(draft.contains("\"citizen\" : \"\(pseudonym)\""))
        #expect(!draft.contains("010190"))

        // A new walk would overwrite it: refused, with the way on.
        let again = ffb(["assess", "--citizen", pseudonym, "--date", "2025-02-01", "--interactive"], lines: ["1"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("der er en kladde for \(pseudonym) (2 svar, dato 2025-02-01)"))
        #expect(try String(contentsOfFile: draftPath(pseudonym), encoding: .utf8) == draft)

        // Resumed: the level the note waited for, skip, ikke vurderet, then theme 1 changed from the summary.
        let resumed = ffb(["assess", "--citizen", pseudonym, "--interactive", "--resume"], lines: ["1", "", "iv", "1", "3", "j"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("Fortsætter kladden: 2 af 4 temaer er besvaret."))
        #expect(resumed.stdout.contains("Udredning ") && resumed.stdout.contains(" gemt: 3 tema(er) med niveau, 0 uden."))
        #expect(!FileManager.default.fileExists(atPath: draftPath(pseudonym)))
        #expect(try stored(on: "2025-02-01") == [
            "Bære, flytte og håndtere genstande=3 Går ture dagligt",
            "Gå og bevæge sig=1 Bruger stok",
            "Færdes med transportmidler=iv",
        ])
        #expect(try StoreShell.run(db, "SELECT count(*) FROM assessments") == "2\n")
    }

    @Test func noAtTheConfirmationKeepsTheDraftAndDiscardDraftStartsAfresh() throws {
        let pseudonym = try citizenAssessedBefore()
        let before = try StoreShell.dump(db)
        let declined = ffb(["assess", "--citizen", pseudonym, "--date", "2025-02-01", "--interactive", "--area", "Mobilitet"], lines: ["1", "1", "1", "1", "nej"])
        #expect(declined.status == 0)
        #expect(declined.stdout.contains("Dine 4 svar er gemt som kladde."))
        #expect(try StoreShell.dump(db) == before)
        #expect(FileManager.default.fileExists(atPath: draftPath(pseudonym)))

        let afresh = ffb(["assess", "--citizen", pseudonym, "--date", "2025-03-01", "--interactive", "--area", "Mobilitet", "--discard-draft"], lines: ["q"])
        #expect(afresh.status == 0)
        #expect(afresh.stdout.hasSuffix("Intet gemt.\n"))
        #expect(!FileManager.default.fileExists(atPath: draftPath(pseudonym)))
        #expect(try StoreShell.dump(db) == before)
    }

    @Test(.storeFile) func resumeTakesTheDraftsDateUnlessGivenAgain() throws {
        let pseudonym = try citizenAssessedBefore()
        _ = ffb(["assess", "--citizen", pseudonym, "--date", "2025-02-01", "--interactive", "--area", "Mobilitet"], lines: ["2"])
        let resumed = ffb(["assess", "--citizen", pseudonym, "--date", "2025-02-03", "--interactive", "--resume"], lines: ["", "", "", "j"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("Udredning af \(pseudonym), 2025-02-03: 4 temaer.\n"))
        #expect(try stored(on: "2025-02-03") == ["Bære, flytte og håndtere genstande=2"])
    }

    @Test func misusedDraftFlagsGetOneClearLine() throws {
        let pseudonym = try citizenAssessedBefore()
        let noDraft = ffb(["assess", "--citizen", pseudonym, "--interactive", "--resume"])
        #expect(noDraft.status == 1)
        #expect(noDraft.stderr.split(separator: "\n").count == 1)
        #expect(noDraft.stderr.contains("der er ingen kladde for \(pseudonym) at fortsætte"))
        let both = ffb(["assess", "--citizen", pseudonym, "--interactive", "--resume", "--discard-draft"])
        #expect(both.status == 2)
        let area = ffb(["assess", "--citizen", pseudonym, "--interactive", "--resume", "--area", "Mobilitet"])
        #expect(area.status == 2)
        let alone = ffb(["assess", "--citizen", pseudonym, "--date", "2025-01-01", "--theme", "Købe ind=2", "--resume"])
        #expect(alone.status == 2)
        try FileManager.default.createDirectory(atPath: db + ".drafts", withIntermediateDirectories: true)
        try Data("{ broken".utf8).write(to: URL(fileURLWithPath: draftPath(pseudonym)))
        let broken = ffb(["assess", "--citizen", pseudonym, "--interactive", "--resume"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("kladden: ikke en kladde i en form, denne ffb kender; start forfra med --discard-draft"))
    }

    @Test func aDateOrCaseTheSaveWouldRefuseIsRefusedBeforeAnyQuestion() throws {
        let pseudonym = try citizenAssessedBefore()
        let before = try StoreShell.dump(db)
        // The case does not exist: said at once, not after a walk through the themes.
        let unknown = ffb(["assess", "--citizen", pseudonym, "--date", "2025-02-01", "--case", "S-404", "--interactive", "--area", "Mobilitet"],
                          lines: ["2", "", "", "", "j"])
        #expect(unknown.status == 1)
        #expect(!unknown.stdout.contains("[1/4]"), "no question before the refusal")
        let future = ffb(["assess", "--citizen", pseudonym, "--date", "2999-01-01", "--interactive", "--area", "Mobilitet"], lines: ["2"])
        #expect(future.status == 1)
        #expect(future.stderr.contains("udredningen er dateret 2999-01-01, efter i dag"))
        #expect(!FileManager.default.fileExists(atPath: draftPath(pseudonym)))
        #expect(try StoreShell.dump(db) == before)
    }
}
