import FFBCatalog
import FFBProgression
import FFBReport
import FFBStatistics
import Foundation
import Testing

/// Disclosure control in the report (STATISTICS.md): no group of fewer than `min_n` citizens shows a
/// figure (headline cards, charts, tables, transition grids), and no grid cell of 1 … min_n − 1.
@Suite struct DisclosureTests {
    static let catalog = BuiltInCatalogs.standard

    /// `sizes[k]` citizens assessed twice on theme k ("Købe ind", "Lave mad", …), all improving
    /// from 3 to 2 except every third, who stays.
    static func html(_ sizes: [Int], minimum: Int = 5, cost: [(level: String, ore: Int, days: Int, citizens: Int)]? = nil) throws -> String {
        let themes = catalog.themes.filter(\.scored)
        var csv = "citizen,theme,date,level\n"
        var citizen = 0
        for (index, size) in sizes.enumerated() {
            for _ in 0..<size {
                citizen += 1
                csv += "P-\(citizen),\(themes[index].code.rawValue),2025-01-01,3\nP-\(citizen),\(themes[index].code.rawValue),2025-06-01,\(citizen % 3 == 0 ? 3 : 2)\n"
            }
        }
        let extract = try ExtractReader(catalog: catalog).read(Data(csv.utf8))
        var settings = ProgressionSettings()
        settings.minimumGroupSize = minimum
        let input = ReportInput(
            catalog: catalog, source: "Udtræk t.csv", generated: "2025-07-01", settings: settings,
            overall: extract.statistics(by: .none, rule: .first), byArea: extract.statistics(by: .area, rule: .first),
            byTheme: extract.statistics(by: .theme, rule: .first), citizens: extract.citizenCount,
            goals: nil, support: nil, costByLevel: cost, language: .da
        )
        return ReportRenderer().render(input)
    }

    /// The text of every element marked `data-stat="stat"`.
    static func values(_ html: String, _ stat: String) -> [String] {
        html.components(separatedBy: "data-stat=\"\(stat)\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    /// Every count a transition grid shows in its cells' tooltips ("3 → 2: 4").
    static func gridCounts(_ html: String) -> [Int] {
        html.components(separatedBy: "<title>").dropFirst().compactMap { text in
            let title = text.prefix { $0 != "<" }
            guard title.contains(" → "), let count = title.split(separator: ":").last else { return nil }
            return Int(count.trimmingCharacters(in: .whitespaces))
        }
    }

    @Test(arguments: [1, 2, 4])
    func aStoreOfFewerCitizensThanTheLimitShowsNoFigureAtAll(citizens: Int) throws {
        let html = try Self.html([citizens])
        #expect(Self.values(html, "citizens") == ["–"])
        #expect(Self.values(html, "n") == ["–"])
        #expect(Self.values(html, "improved_share") == ["–"])
        #expect(Self.values(html, "mean_change") == ["–"])
        #expect(!html.contains("<figure><figcaption>"), "no transition grid")
        #expect(Self.gridCounts(html).isEmpty)
        #expect(!html.contains("data-stat=\"improved\""), "no table row with figures")
        #expect(html.contains("skjult"))
    }

    @Test func fourCitizensAreHiddenAndTheSmallestShownGroupWithThem() throws {
        let html = try Self.html([6, 7, 4])
        // Headline: seventeen citizens together.
        #expect(Self.values(html, "citizens").first == "17")
        // Themes: the four are hidden, and the six too (else the total minus the others gives them
        // back); the seven are a row with figures.
        let themes = html.components(separatedBy: "data-table=\"themes\"")[1].components(separatedBy: "</table>")[0]
        #expect(Self.values(themes, "citizens") == ["7"])
        #expect(themes.components(separatedBy: "class=\"suppressed\"").count - 1 == 2)
        // One grid, the seven's: five improved, two stayed; the two are suppressed, and the five with
        // them (one suppressed cell alone would follow from n = 7).
        #expect(html.components(separatedBy: "<figure><figcaption>").count - 1 == 1)
        #expect(Self.gridCounts(html).allSatisfy { $0 == 0 }, "\(Self.gridCounts(html))")
        #expect(html.components(separatedBy: ">·<").count - 1 == 2)
    }

    /// Support level B was three citizens' level: its cost would show what their support cost.
    /// It is hidden, C (the smallest other, ties to the lowest) with it, and the total is of the
    /// shown rows only, so it cannot give B back.
    @Test func aCostRowOfFewCitizensIsHiddenAndTheTotalCountsOnlyTheShown() throws {
        let html = try Self.html([6], cost: [("A", 0, 0, 0), ("B", 300_000, 30, 3), ("C", 1_000_000, 100, 10), ("D", 2_000_000, 200, 10), ("E", 0, 0, 0)])
        let table = html.components(separatedBy: "data-table=\"cost\"")[1].components(separatedBy: "</table>")[0]
        #expect(Self.values(table, "cost") == ["0,00", "20.000,00", "0,00"], "A, D and E shown")
        #expect(table.components(separatedBy: "class=\"suppressed\"").count - 1 == 2)
        #expect(table.contains("I alt, viste grupper") && Self.values(table, "cost_total") == ["20.000,00"])
        #expect(!table.contains("3.000,00") && !table.contains("10.000,00") && !table.contains("33.000,00"))
    }

    @Test func aSingleSuppressedCellTakesTheSmallestOtherWithIt() {
        let rows = [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 9, 0, 0], [0, 0, 7, 3, 0], [0, 0, 0, 0, 0]]
        let cells = DisclosureControl(minimum: 5).cells(rows)
        #expect(cells[3][3] == nil)
        #expect(cells[3][2] == nil, "the smallest other non-zero cell")
        #expect(cells[2][2] == 9)
        #expect(cells[0][0] == 0, "zeros reveal nobody and stay")
    }
}
