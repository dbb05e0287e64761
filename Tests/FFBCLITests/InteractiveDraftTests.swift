import FFBCatalog
import FFBModel
import Foundation
import Testing
@testable import FFBCLI

/// The draft an interactive assessment keeps beside the store: owner-only, replaced whole, by
/// pseudonym, and refused plainly when it is not one.
@Suite struct InteractiveDraftTests {
    let directory: TemporaryDirectory
    let storePath: String
    let citizen = Pseudonym("P-7K3M9Q2X")

    init() throws {
        directory = try TemporaryDirectory()
        storePath = directory.file("ffb.sqlite").path
    }

    func draft(_ citizen: Pseudonym) -> InteractiveDraft {
        InteractiveDraft(
            citizen: citizen.rawValue, caseNumber: "S-1", date: "2025-02-01", assessor: "anna", source: "citizen", areas: [],
            position: 2, answers: [.init(theme: "01770afa-cd17-41fe-a966-b8895e4d55d8", level: "2", relevance: nil, note: "Går ture dagligt")]
        )
    }

    @Test func aDraftIsWrittenOwnerOnlyBesideTheStoreAndReadBackTheSame() throws {
        let citizen = try #require(citizen)
        #expect(try InteractiveDraft.read(storePath: storePath, citizen: citizen) == nil)
        try draft(citizen).write(storePath: storePath)
        let folder = storePath + ".drafts"
        let path = folder + "/P-7K3M9Q2X.json"
        #expect(InteractiveDraft.path(storePath: storePath, citizen: citizen) == path)
        #expect(try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int == 0o700)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try InteractiveDraft.read(storePath: storePath, citizen: citizen) == draft(citizen))
        // Written by temporary file and rename: nothing else is left in the folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["P-7K3M9Q2X.json"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"citizen\" : \"P-7K3M9Q2X\""))
        #expect(text.contains("\"format\" : \"ffb-assessment-draft\""))
    }

    @Test func aSecondWriteReplacesTheFirstAndRemovingItLeavesNoDraft() throws {
        let citizen = try #require(citizen)
        var changed = draft(citizen)
        try changed.write(storePath: storePath)
        changed.position = 5
        changed.answers.append(.init(theme: "83cf43f1-6d71-477c-8583-2e28755b41d3", level: nil, relevance: "ikke-relevant", note: nil))
        try changed.write(storePath: storePath)
        #expect(try InteractiveDraft.read(storePath: storePath, citizen: citizen) == changed)
        try InteractiveDraft.remove(storePath: storePath, citizen: citizen)
        #expect(try InteractiveDraft.read(storePath: storePath, citizen: citizen) == nil)
        // Removing what is not there is no error.
        try InteractiveDraft.remove(storePath: storePath, citizen: citizen)
    }

    @Test func aFileThatIsNotThisCitizensDraftIsRefusedNotGuessedAt() throws {
        let citizen = try #require(citizen)
        let other = try #require(Pseudonym("P-00000000"))
        try FileManager.default.createDirectory(atPath: InteractiveDraft.folder(storePath: storePath), withIntermediateDirectories: true)
        let path = InteractiveDraft.path(storePath: storePath, citizen: citizen)
        for text in ["{ not json", "{\"format\": \"something-else\"}", try String(decoding: JSONEncoder().encode(draft(other)), as: UTF8.self)] {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: InteractiveDraft.Problem(path: path, reason: .unknownForm)) {
                try InteractiveDraft.read(storePath: storePath, citizen: citizen)
            }
        }
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: InteractiveDraft.Problem(path: path, reason: .notAFile(.directory))) {
            try InteractiveDraft.read(storePath: storePath, citizen: citizen)
        }
    }

    @Test func answersComeBackAsTheWalkHoldsThemAndAnUnknownThemeMakesTheDraftUnreadable() throws {
        let catalog = BuiltInCatalogs.standard
        let citizen = try #require(citizen)
        let buying = try catalog.resolveTheme("Købe ind")
        let tobacco = try catalog.resolveTheme("Tobak")
        var walked = draft(citizen)
        walked.update([buying.code: ThemeAnswer(level: .notAssessed, note: "Ville ikke"), tobacco.code: ThemeAnswer(note: "Ryger")],
                      themes: [tobacco, buying], position: 1)
        #expect(walked.position == 1)
        #expect(walked.answers == [
            .init(theme: tobacco.code.rawValue, level: nil, relevance: nil, note: "Ryger"),
            .init(theme: buying.code.rawValue, level: "ikke-vurderet", relevance: nil, note: "Ville ikke"),
        ])
        #expect(walked.themeAnswers(catalog: catalog) == [buying.code: ThemeAnswer(level: .notAssessed, note: "Ville ikke"), tobacco.code: ThemeAnswer(note: "Ryger")])
        walked.answers.append(.init(theme: "00000000-0000-0000-0000-000000000000", level: "2", relevance: nil, note: nil))
        #expect(walked.themeAnswers(catalog: catalog) == nil)
    }
}
