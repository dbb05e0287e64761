import Foundation
import Testing
@testable import FFBCatalog

/// A user's `--catalog FILE` is checked with located errors.
@Suite struct CatalogLoaderTests {
    func problems(_ json: String) -> [String] {
        do {
            _ = try CatalogLoader().load(Data(json.utf8))
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    let header = #""format": "ffb-catalog", "format_version": 1, "catalog_version": "mine", "title": "Mine", "base": "kl-2024""#

    @Test func aSmallCatalogueOnTheBaseLoads() throws {
        let catalog = try CatalogLoader().load(Data("""
        {\(header), "themes": [{"code": "01770afa-cd17-41fe-a966-b8895e4d55d8", "name": "Handle", "area": "eef71492-65f5-4297-aa95-3c3a6866ddef"}]}
        """.utf8))
        #expect(catalog.themes.map(\.name) == ["Handle"])
        #expect(catalog.themes.first?.scored == true)
        #expect(catalog.areas.count == 11)
    }

    @Test func truncatedJSONIsReportedAsSuch() {
        let found = problems(#"{"format": "ffb-catalog", "themes": ["#)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("/: not valid JSON") == true)
    }

    @Test func missingFieldsAndWrongTypesAreLocated() {
        #expect(problems(#"{"format": "ffb-catalog", "format_version": 1, "title": "x"}"#) == [#"/: missing required field "catalog_version""#])
        #expect(problems(#"{\#(header), "themes": [{"code": 5, "name": "x"}]}"#) == ["/themes/0/code: expected a string"])
    }

    @Test func everyBrokenRuleIsReportedWithItsPointer() {
        let found = problems("""
        {\(header), "themes": [
          {"code": "not a code", "name": "A", "area": "eef71492-65f5-4297-aa95-3c3a6866ddef"},
          {"code": "01770afa-cd17-41fe-a966-b8895e4d55d8", "name": "B", "area": "nowhere"},
          {"code": "f5b8e809-7689-4952-838c-a069c99408b3", "name": "Tobak", "area": "4fb78b88-d3af-4cfb-84d7-f06daf423317", "scored": true}
        ], "support_levels": [{"code": "ae9f388a-91c3-46cf-af55-f81952f2977c", "value": "F", "name": "?"}]}
        """)
        #expect(found == [
            #"/themes/0/code: "not a code" is not a usable code (a KL UUID or a word without spaces)"#,
            #"/themes/1/area: unknown area "nowhere""#,
            "/themes/2/scored: only themes under Aktivitet og deltagelse are scored",
            #"/support_levels/0/value: "F" is not a known value of support levels"#,
        ])
    }

    @Test func unknownBaseAndWrongFormat() {
        let found = problems(#"{"format": "csv", "format_version": 2, "catalog_version": "x", "title": "x", "base": "kl-1999"}"#)
        #expect(found.contains(#"/format: expected "ffb-catalog", found "csv""#))
        #expect(found.contains("/format_version: version 2 is not supported (this ffb reads version 1)"))
        #expect(found.contains(#"/base: unknown base catalogue "kl-1999""#))
    }

    @Test func duplicateCodesAreRejected() {
        let found = problems("""
        {\(header), "themes": [
          {"code": "01770afa-cd17-41fe-a966-b8895e4d55d8", "name": "A", "area": "eef71492-65f5-4297-aa95-3c3a6866ddef"},
          {"code": "01770afa-cd17-41fe-a966-b8895e4d55d8", "name": "B", "area": "eef71492-65f5-4297-aa95-3c3a6866ddef"}
        ]}
        """)
        #expect(found == ["/themes/1/code: code 01770afa-cd17-41fe-a966-b8895e4d55d8 is used twice (also a theme)"])
    }
}
