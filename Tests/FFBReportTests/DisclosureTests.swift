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
        return try html(csv: csv, minimum: minimum, cost: cost)
    }

    static func html(csv: String, minimum: Int = 5, cost: [(level: String, ore: Int, days: Int, citizens: Int)]? = nil) throws -> String {
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
        // The seven's grid: five improved, two stayed. The two are too few, so the whole grid
        // is hidden, its zeros too: its row (five improved, two unchanged) and where its zeros
        // stand would give the two back otherwise.
        #expect(html.components(separatedBy: "<figure><figcaption>").count - 1 == 0)
        #expect(Self.gridCounts(html).isEmpty, "\(Self.gridCounts(html))")
        let seven = Self.catalog.themes.filter(\.scored)[1].name
        #expect(html.contains("data-grid=\"hidden\">Gitre skjult, fordi et felt har 1–4 par: \(seven).</p>"))
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

    /// The area table hides an area of three citizens and, beside it, the smallest other
    /// (Kommunikation, whose one theme has five): the theme table keeps that theme hidden too,
    /// else it would give the area back, and the headline minus the rest the three.
    @Test func aHiddenAreaKeepsItsThemeHiddenInTheThemeTable() throws {
        let themes = ["i": "3f9da5ac-9686-4eeb-b517-b46e17fcb1d7", "r": "4c082610-b122-4019-96f2-1061e287445e", "k": "2ba29098-a527-43d5-b858-4c5353669f42",
                      "a": "320c9aa6-630e-4695-bba2-29ea808fad24", "b": "4977ce08-df4d-4c09-8e03-c2a563862e68"]
        var csv = "citizen,theme,date,level\n"
        func pair(_ citizen: String, _ theme: String, _ baseline: Int, _ followUp: Int) {
            csv += "\(citizen),\(themes[theme]!),2024-01-10,\(baseline)\n\(citizen),\(themes[theme]!),2024-07-10,\(followUp)\n"
        }
        pair("R1", "i", 1, 3); pair("R2", "i", 1, 3); pair("R3", "r", 2, 4)
        for n in 0..<5 { pair("K\(n)", "k", 2, n < 3 ? 1 : 2) }
        for n in 0..<20 { for theme in ["a", "b"] { pair("M\(n)", theme, 2, n % 2 == 1 ? 1 : 2) } }
        let html = try Self.html(csv: csv)
        let table = html.components(separatedBy: "data-table=\"themes\"")[1].components(separatedBy: "</table>")[0]
        #expect(Self.values(table, "citizens") == ["20", "20"], "only Mobilitet's two themes are shown")
        #expect(!html.contains("<figcaption>Fremstille meddelelser"), "nor its grid")
    }

    /// The level distributions at baseline and follow-up are the overall grid's margins: with a
    /// level of 1–4 pairs they are hidden (the total and the mean level would give it back).
    @Test func aDistributionWithASmallLevelIsHidden() throws {
        // Six citizens: two stay at 3, four go to 2; at follow-up level 3 holds two pairs.
        let small = try Self.html([6])
        #expect(small.contains("Fordelingen er skjult: et niveau har 1–4 par"))
        #expect(!small.contains("aria-label=\"Funktionsevneniveau ved baseline og opfølgning"))
        // Thirty: ten stay, twenty improve; every level with pairs has at least five.
        let large = try Self.html([10, 10, 10])
        #expect(!large.contains("Fordelingen er skjult"))
        #expect(large.contains("aria-label=\"Funktionsevneniveau ved baseline og opfølgning"), "the chart is drawn")
    }

    /// A grid with one small cell is hidden whole: its rows and columns (the level distributions),
    /// its diagonal and either side of it (unchanged, improved, worsened) are shown elsewhere, and
    /// with the zeros shown, hidden cells could be worked back one by one (session 15's audit).
    @Test func aGridWithASmallCellIsHiddenWholeZerosToo() {
        let control = DisclosureControl(minimum: 5)
        let rows = [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 9, 0, 0], [0, 0, 7, 3, 0], [0, 0, 0, 0, 0]]
        #expect(control.cells(rows).joined().allSatisfy { $0 == nil })
        #expect(control.hidesCells(rows))
        // No cell of 1–4: every cell shown, zeros as zeros.
        let large = [[0, 5, 0], [0, 0, 12], [6, 0, 0]]
        #expect(control.cells(large) == large.map { $0.map(Optional.some) })
        #expect(!control.hidesCells(large))
        // The auditor's grid: n = 5, four improved, one unchanged, each non-zero cell one pair.
        let audited = [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 1, 1, 0, 0], [0, 0, 1, 0, 0], [0, 0, 1, 1, 0]]
        #expect(control.cells(audited).joined().allSatisfy { $0 == nil })
    }
}
