import FFBCatalog
import FFBProgression
import FFBReport
import Foundation
import Testing

/// The report as a library: self-contained HTML from a `ReportInput`, with small groups hidden.
@Suite struct ReportRendererTests {
    /// Six citizens improve "Købe ind" from 3 to 2; two citizens have "Lave mad", under the limit.
    static func input(language: ReportLanguage = .da) throws -> ReportInput {
        let catalog = BuiltInCatalogs.standard
        let shopping = try #require(catalog.themes.first { $0.name == "Købe ind" }).code.rawValue
        let cooking = try #require(catalog.themes.first { $0.name == "Lave mad" }).code.rawValue
        var csv = "citizen,theme,date,level\n"
        for citizen in 1...6 { csv += "P-\(citizen),\(shopping),2025-01-01,3\nP-\(citizen),\(shopping),2025-06-01,2\n" }
        for citizen in 1...2 { csv += "P-\(citizen),\(cooking),2025-01-01,2\nP-\(citizen),\(cooking),2025-06-01,2\n" }
        let extract = try ExtractReader(catalog: catalog).read(Data(csv.utf8))
        var settings = ProgressionSettings()
        settings.minimumGroupSize = 5
        return ReportInput(
            catalog: catalog, source: "Udtræk test.csv", generated: "2025-07-01", settings: settings,
            overall: extract.statistics(by: .none, rule: .first), byArea: extract.statistics(by: .area, rule: .first),
            byTheme: extract.statistics(by: .theme, rule: .first), citizens: extract.citizenCount,
            goals: nil, support: nil, costByLevel: nil, language: language
        )
    }

    @Test func theReportIsOneSelfContainedPageWithoutScripts() throws {
        let html = ReportRenderer().render(try Self.input())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
        #expect(html.contains("<svg"))
        #expect(html.contains("Udtræk test.csv"))
    }

    @Test func theFiguresOfAThemeWithFewerCitizensThanTheLimitAreHiddenAndItsOnlySiblingToo() throws {
        let html = ReportRenderer().render(try Self.input())
        // "Lave mad" has two citizens; "Købe ind" (six) would give it back from the area's total.
        #expect(html.contains("<td>Lave mad</td><td class=\"suppressed\""))
        #expect(html.contains("<td>Købe ind</td><td class=\"suppressed\""))
        #expect(html.contains("<td>Praktiske opgaver</td><td data-stat=\"citizens\">6</td><td data-stat=\"n\">8</td>"), "the area of both, six citizens, is shown")
        #expect(html.contains("2 gruppe(r) er skjult"))
    }

    @Test func theLanguageCanBeEnglish() throws {
        let danish = ReportRenderer().render(try Self.input(language: .da))
        let english = ReportRenderer().render(try Self.input(language: .en))
        #expect(danish.contains("lang=\"da\""))
        #expect(english.contains("lang=\"en\""))
        #expect(danish != english)
    }

    @Test func theReportSaysWhatPeriodItCoversHowItCountsAndHowToReadAGrid() throws {
        var input = try Self.input()
        let shopping = try #require(input.catalog.themes.first { $0.name == "Købe ind" }).code.rawValue
        let extract = try ExtractReader(catalog: input.catalog).read(Data("citizen,theme,date,level\nP-1,\(shopping),2025-01-01,3\nP-1,\(shopping),2025-06-01,2\n".utf8))
        input.dataPeriod = extract.dateRange
        let html = ReportRenderer().render(input)
        #expect(html.contains("data-stat=\"period\">Periode: 2025-01-01 – 2025-06-01</p>"))
        #expect(!html.contains("alle data"))
        #expect(html.contains("n tæller par"))
        #expect(html.contains("id=\"grid-legend\">Sådan læses et overgangsgitter: rækken er niveauet ved baseline"))
        #expect(html.contains("Fortegnstesten ser kun på retningen") && html.contains("Stuart–Maxwell spørger"))
        // Danish figures: a decimal comma (mean change 6 × 1 + 2 × 0 over 8 pairs).
        #expect(html.contains("data-stat=\"mean_change\">0,75<"))

        var english = input
        english.language = .en
        english.settings.from = extract.dateRange?.lowerBound
        let text = ReportRenderer().render(english)
        #expect(text.contains("data-stat=\"period\">Period: 2025-01-01 – 2025-06-01</p>"))
        #expect(text.contains("n counts pairs") && text.contains("How to read a transition grid"))
        #expect(text.contains("data-stat=\"mean_change\">0.75<"))
    }
}
