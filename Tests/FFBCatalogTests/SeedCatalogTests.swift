import Testing
@testable import FFBCatalog

/// The Funktionsevnekatalog 2.0 theme list (seed) and its mapping to KL 2024 codes.
@Suite struct SeedCatalogTests {
    let seed: Catalog
    let kl: Catalog

    init() throws {
        seed = try #require(BuiltInCatalogs.catalog(version: "seed-v2.0"))
        kl = try #require(BuiltInCatalogs.catalog(version: "kl-2024"))
    }

    @Test func seedListsSixtyFourThemesInElevenAreas() {
        #expect(seed.themes.count == 64)
        #expect(seed.areas.count == 11)
        #expect(Set(seed.themes.map(\.code)).count == 64)
    }

    @Test func everyMappedThemeExistsInKL2024AndTheRelationFitsNamesAndAreas() throws {
        for theme in seed.themes {
            let mapping = try #require(theme.mapping, "\(theme.name) has no mapping")
            let target = try #require(kl.theme(theme.code), "\(theme.name) maps to an unknown code")
            let renamed = target.name != theme.name
            let moved = target.area != theme.area
            let expected: ThemeMapping.Relation = renamed && moved ? .renamedAndMoved : renamed ? .renamed : moved ? .moved : .same
            #expect(mapping.relation == expected, "\(theme.name)")
            #expect(mapping.klName == (renamed ? target.name : nil), "\(theme.name)")
            #expect(theme.scored == target.scored || moved, "\(theme.name)")
        }
    }

    @Test func knownRenamesAndMoves() throws {
        let smoking = try seed.resolveTheme("Rygning")
        #expect(kl.theme(smoking.code)?.name == "Tobak")
        #expect(smoking.mapping?.relation == .renamed)
        let housing = try seed.resolveTheme("Skaffe sig bolig")
        #expect(housing.mapping?.relation == .renamedAndMoved)
        #expect(kl.area(try #require(kl.theme(housing.code)).area)?.name == "Samfundsliv")
        #expect(seed.area(housing.area)?.name == "Praktiske opgaver")
    }

    @Test func themesNewInKL2024HaveNoSeedCounterpart() {
        let mapped = Set(seed.themes.map(\.code))
        let klOnly = kl.themes.filter { !mapped.contains($0.code) }.map(\.name).sorted()
        #expect(klOnly == ["Dyrke interesse", "Håndtere post", "Søvn"])
    }

    @Test func seedTakesItsScalesFromItsBase() {
        #expect(seed.functionLevels == kl.functionLevels)
        #expect(seed.services.count == kl.services.count)
    }
}
