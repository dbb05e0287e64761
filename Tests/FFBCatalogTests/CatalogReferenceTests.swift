import Foundation
import Testing
@testable import FFBCatalog

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
