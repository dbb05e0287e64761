import Foundation
import Testing
@testable import FFBCatalog
import FFBText

/// Proves that Catalogs/ says what KL's published terminology says, wherever it claims to.
@Suite struct CatalogReferenceTests {
    let reference: Data
    let kl: Catalog

    init() throws {
        reference = try Paths.data(Paths.klReference)
        kl = try #require(BuiltInCatalogs.catalog(version: "kl-2024"))
    }

    @Test func kl2024FileIsExactlyWhatTheImporterBuildsFromKLsFile() throws {
        let generated = try KLTerminologyImporter().catalogFile(fromCodeSystem: reference).encoded()
        let committed = try Paths.data(Paths.catalogs.appendingPathComponent("kl-2024.json"))
        #expect(String(decoding: generated, as: UTF8.self) == String(decoding: committed, as: UTF8.self),
                "Catalogs/kl-2024.json is stale: run Scripts/generate-catalogs")
    }

    @Test(arguments: BuiltInCatalogs.versions)
    func embeddedCatalogueEqualsItsFile(version: String) throws {
        let file = try String(contentsOf: Paths.catalogs.appendingPathComponent("\(version).json"), encoding: .utf8)
        let embedded = try #require(BuiltInCatalogs.fileText(version: version))
        #expect(embedded + "\n" == file, "the binary's copy of \(version) is stale: run Scripts/generate-catalogs")
    }

    @Test func everyConceptInKLsFileIsReachableByCode() throws {
        let codes = try Self.allCodes(in: reference)
        #expect(codes.count == 220)
        for (code, display) in codes {
            let entry = try kl.lookup(code)
            #expect(entry.name == display)
        }
        #expect(kl.allEntries.count == 220)
    }

    @Test func sixtySevenThemesAndExactlyTheActivityAndParticipationOnesAreScored() {
        #expect(kl.themes.count == 67)
        #expect(kl.scoredThemes.count == 31)
        for theme in kl.themes {
            let groupName = kl.group(theme.group)?.name
            #expect(theme.scored == (groupName == "Aktivitet og deltagelse"), "\(theme.name)")
        }
    }

    @Test func kindsHaveTheirKLSizes() {
        #expect(kl.groups.map(\.name) == ["Funktioner og forhold", "Aktivitet og deltagelse", "Omgivelsesfaktorer"])
        #expect(kl.areas.count == 11)
        #expect(kl.functionLevels.map(\.value) == ["0", "1", "2", "3", "4", "ikke-vurderet"])
        #expect(kl.supportLevels.map(\.value) == ["A", "B", "C", "D", "E", "ikke-vurderet"])
        #expect(kl.goalTypes.map(\.value) == ["udvikle", "fastholde", "begraense-tab"])
        #expect(kl.followUpStatuses.map(\.value) == ["continue", "end", "end-and-refer"])
        #expect(kl.services.count == 43)
        #expect(kl.offerTypes.count == 12)
        #expect(kl.targetGroups.count == 57)
        #expect(kl.headings.count == 9)
    }

    @Test func themesKnowTheirAreaAndGroup() throws {
        let theme = try kl.resolveTheme("Købe ind")
        #expect(theme.code.rawValue == "01770afa-cd17-41fe-a966-b8895e4d55d8")
        #expect(kl.area(theme.area)?.name == "Praktiske opgaver")
        #expect(theme.scored)
        let tobacco = try kl.resolveTheme("tobak")
        #expect(kl.area(tobacco.area)?.name == "Sundhedsforhold")
        #expect(!tobacco.scored)
    }

    @Test func searchIgnoresCaseAndAccents() {
        #expect(kl.search("aendre").first?.name == "Ændre og opretholde kropsstilling")
        #expect(kl.search("KOBE IND").first?.name == "Købe ind")
        #expect(kl.search("søvn").first?.name == "Søvn")
        #expect(kl.search("zzzz").isEmpty)
    }

    @Test func aNameUsedByTwoKindsIsAmbiguousButItsCodeIsNot() throws {
        #expect(throws: CatalogLookupError.self) { try kl.lookup("Kriminalitet") }
        #expect(try kl.resolve("Kriminalitet", kind: .themes).code.rawValue == "83cf43f1-6d71-477c-8583-2e28755b41d3")
        #expect(try kl.resolve("Kriminalitet", kind: .targetGroups).code.rawValue == "be53dafc-1fc2-4b9f-8ab3-9d468ff03e6e")
    }

    static func allCodes(in data: Data) throws -> [(String, String)] {
        struct Node: Decodable {
            var code: String
            var display: String
            var concept: [Node]?
        }
        struct System: Decodable { var concept: [Node] }
        func flatten(_ nodes: [Node]) -> [(String, String)] {
            nodes.flatMap { [($0.code, $0.display)] + flatten($0.concept ?? []) }
        }
        return flatten(try JSONDecoder().decode(System.self, from: data).concept)
    }
}

/// The Funktionsevneguide's level texts: catalogue data with a source for every text, and no
/// concept anywhere showing its own name as its definition.
@Suite struct FunctionLevelGuideTests {
    @Test func theEmbeddedGuideEqualsItsFileAndEveryTextHasASource() throws {
        let file = try String(contentsOf: Paths.catalogs.appendingPathComponent("funktionsevneguide.json"), encoding: .utf8)
        #expect(EmbeddedCatalogText.levelGuide + "\n" == file, "the binary's copy of the guide is stale: run Scripts/generate-catalogs")
        let guide = try FunctionLevelGuide.load(Data(file.utf8))
        #expect(guide == BuiltInCatalogs.levelGuide)
        #expect(guide.title == "Fælleskommunal funktionsevneguide")
        #expect(guide.general.count == 1)
        #expect(guide.general[0].text.hasPrefix("Når du vurderer, om borgeren udfører en given aktivitet"))
        #expect(guide.general[0].source.contains("000_38ece86e48645f8d"))
        let kl = try #require(BuiltInCatalogs.catalog(version: "kl-2024"))
        for code in guide.themes.keys { #expect(kl.theme(code)?.scored == true, "\(code)") }
    }

    @Test func aThemesOwnLevelTextsComeBeforeTheGeneralOnes() throws {
        let general = FunctionLevelGuide.Passage(text: "Generelt", source: "s")
        let own = FunctionLevelGuide.Passage(text: "Eget", source: "s")
        let theme = KLCode(unchecked: "01770afa-cd17-41fe-a966-b8895e4d55d8")
        let guide = FunctionLevelGuide(title: "G", general: [], levels: [.mild: general], themes: [theme: [.mild: own]])
        #expect(guide.levelTexts(for: theme) == [.mild: own])
        #expect(guide.describes(theme))
        #expect(guide.levelTexts(for: KLCode(unchecked: "other")) == [.mild: general])
    }

    @Test func aGuideFileWithoutSourcesOrWithUnknownLevelsIsRefusedWithPointers() {
        let text = """
            {"format": "ffb-level-guide", "format_version": 1, "title": "G",
             "general": [{"text": "Tekst", "source": " "}],
             "levels": [{"value": "5", "text": "x", "source": "s"}],
             "themes": [{"theme": "nope", "levels": []}]}
            """
        #expect(throws: CatalogError([
            CatalogProblem(pointer: "/general/0", message: "a passage needs a text and its source"),
            CatalogProblem(pointer: "/levels/0/value", message: "\"5\" is not a level 0–4"),
            CatalogProblem(pointer: "/themes/0/theme", message: "\"nope\" is not a KL code"),
        ])) {
            try FunctionLevelGuide.load(Data(text.utf8))
        }
    }

    @Test func noConceptShowsItsOwnNameAsItsDefinition() throws {
        for version in BuiltInCatalogs.versions {
            let catalog = try #require(BuiltInCatalogs.catalog(version: version))
            for entry in catalog.allEntries {
                #expect(entry.definition.map { TextFolding.fold($0) != TextFolding.fold(entry.name) } ?? true, "\(version): \(entry.name)")
            }
            #expect(catalog.functionLevels.allSatisfy { $0.definition == nil })
        }
    }
}
