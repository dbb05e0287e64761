import FFBCatalog
import Foundation
import Testing
@testable import FFBProgression

/// An extract read with a grouping column (`ffb stats --input … --by provider --adjusted`).
@Suite struct ExtractGroupColumnTests {
    let catalog = BuiltInCatalogs.standard
    static let shopping = "01770afa-cd17-41fe-a966-b8895e4d55d8"
    static let cooking = "b947f321-7cdb-4b33-9653-f3ff800572b0"

    /// P-1 goes from provider A to B within one theme: A's rows pair 3 → 2 (improved), B's
    /// 2 → 1 (improved). P-2 stays with B: 3 → 3. A row with the column empty belongs to no one.
    static let text = """
        citizen,theme,date,level,provider
        P-1,\(shopping),2024-01-01,3,SOR-A
        P-1,\(shopping),2024-03-01,2,SOR-A
        P-1,\(shopping),2024-06-01,2,"SOR-B"
        P-1,\(shopping),2024-09-01,1,SOR-B
        P-2,\(shopping),2024-01-01,3,SOR-B
        P-2,\(shopping),2024-09-01,3,SOR-B
        P-2,\(cooking),2024-01-01,2,
        P-2,\(cooking),2024-09-01,1,

        """

    func read(_ text: String, columns: [String] = ["provider"], workers: Int = 1, blockSize: Int = 8 << 20) throws -> Extract {
        var reader = ExtractReader(catalog: catalog)
        reader.groupColumns = columns
        reader.workers = workers
        reader.blockSize = blockSize
        return try reader.read(Data(text.utf8))
    }

    @Test func eachProvidersRowsOfAThemeAreASeriesOfTheirOwn() throws {
        let extract = try read(Self.text)
        #expect(extract.groupValues == [["SOR-A"], ["SOR-B"]])
        let result = extract.caseMix(grouping: Grouping(.provider), rule: .first)
        // Strata: (shopping, 3): 3→2 improved, 3→3 not: rate ½; (shopping, 2): 2→1, rate 1.
        #expect(result.groups.map(\.key) == [GroupKey(.provider, "SOR-A"), GroupKey(.provider, "SOR-B")])
        #expect(result.groups.map(\.pairs) == [1, 2])
        #expect(result.groups.map(\.comparison.observed) == [1, 1])
        #expect(result.groups.map(\.comparison.expected) == [0.5, 1.5])
        #expect(result.groups.map(\.citizens) == [1, 2])
        // The empty cells' cooking series pairs with no one.
        #expect(result.tally.pairs == 3)
    }

    @Test func manyBlocksOnTwoWorkersGiveWhatOneBlockGives() throws {
        // Citizens whose provider is one of seven, some changing half way, rows across blocks.
        var lines = ["citizen,theme,date,level,provider"]
        for citizen in 0..<900 {
            for (index, theme) in [Self.shopping, Self.cooking].enumerated() {
                for visit in 0..<4 {
                    let provider = "SOR-\(citizen % 7 + (citizen % 5 == 0 && visit >= 2 ? 1 : 0))"
                    lines.append("P-\(citizen),\(theme),2024-0\(visit * 2 + 1)-1\(index),\((citizen + visit * (index + 2)) % 5),\(provider)")
                }
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        let one = try read(text)
        let two = try read(text, workers: 2, blockSize: 2048)
        #expect(Set(one.groupValues) == Set(two.groupValues) && one.groupValues.count == 8)
        for rule in BaselineRule.allCases {
            let a = one.caseMix(grouping: Grouping(.provider), rule: rule), b = two.caseMix(grouping: Grouping(.provider), rule: rule)
            #expect(a.groups.map(\.key) == b.groups.map(\.key))
            #expect(a.groups.map(\.comparison.observed) == b.groups.map(\.comparison.observed))
            #expect(zip(a.groups, b.groups).allSatisfy { abs($0.comparison.expected - $1.comparison.expected) < 1e-9 })
            #expect(a.tally == b.tally && a.tally.pairs > 0)
        }
    }

    @Test func withoutTheColumnTheExtractReadsAsBefore() throws {
        let plain = try ExtractReader(catalog: catalog).read(Data(Self.text.utf8))
        #expect(plain.groupColumns.isEmpty && plain.groupValues.isEmpty && plain.rows == 8)
        #expect(throws: ExtractError.self) { try read("citizen,theme,date,level\nP-1,\(Self.shopping),2024-01-01,3\n") }
    }

    @Test func plainStatisticsTrajectoriesAndPeriodsPairEachProvidersRows() throws {
        let extract = try read(Self.text)
        let statistics = extract.statistics(grouping: Grouping(.provider), rule: .first)
        #expect(statistics.groups.map(\.key) == [GroupKey(.provider, "SOR-A"), GroupKey(.provider, "SOR-B")])
        // SOR-A: P-1's 3 → 2. SOR-B: P-1's 2 → 1 and P-2's 3 → 3, two citizens.
        #expect(statistics.groups.map(\.statistics.n) == [1, 2])
        #expect(statistics.groups.map(\.statistics.improved) == [1, 1])
        #expect(statistics.groups.map(\.statistics.unchanged) == [0, 1])
        #expect(statistics.groups.map { statistics.clusteredStatistics(of: $0.key).citizens } == [1, 2])
        #expect(statistics.tally.pairs == 3 && statistics.tally.unpaired == 0)
        // Each step within a provider's rows, never across the change of provider (2024-03 → 06).
        let steps = extract.statistics(grouping: Grouping(.provider), rule: .previous)
        #expect(steps.groups.map(\.statistics.n) == [1, 2])

        let trajectories = extract.trajectories(grouping: Grouping(.provider), windows: .standard)
        #expect(trajectories.groups.map(\.key) == [GroupKey(.provider, "SOR-A"), GroupKey(.provider, "SOR-B")])
        // SOR-B: P-1 from 2024-06 (level 2) to 2024-09 (1), P-2 flat at 3: both in window 0 at baseline.
        #expect(trajectories.groups[1].windows[0].levels == [0, 0, 1, 1, 0])
        #expect(trajectories.groups[1].windows[0].citizens == 2)

        let periods = try ComparedPeriods(parsing: "2024-01-01..2024-03-31,2024-04-01..2024-12-31")
        let comparison = extract.comparison(grouping: Grouping(.provider), rule: .first, periods: periods)
        // First period: SOR-A's 3 → 2; SOR-B only P-2's first row (a group of no pairs). Second:
        // SOR-B's P-1 2 → 1 (P-2's last row pairs with nothing there).
        #expect(comparison.first.groups.map(\.key) == [GroupKey(.provider, "SOR-A"), GroupKey(.provider, "SOR-B")])
        #expect(comparison.first.groups.map(\.statistics.n) == [1, 0])
        #expect(comparison.second.groups.map(\.key) == [GroupKey(.provider, "SOR-B")])
        #expect(comparison.second.groups.map(\.statistics.improved) == [1])
    }

    /// Two columns make one value of both cells; a row with either cell empty is in no group.
    @Test func twoColumnsGroupByBothCells() throws {
        let text = """
            citizen,theme,date,level,municipality,provider
            P-1,\(Self.shopping),2024-01-01,3,0751,SOR-A
            P-1,\(Self.shopping),2024-06-01,2,0751,SOR-A
            P-2,\(Self.shopping),2024-01-01,3,0101,SOR-A
            P-2,\(Self.shopping),2024-06-01,3,0101,SOR-A
            P-3,\(Self.shopping),2024-01-01,3,0101,
            P-3,\(Self.shopping),2024-06-01,1,0101,

            """
        let extract = try read(text, columns: ["municipality", "provider"])
        #expect(Set(extract.groupValues) == [["0751", "SOR-A"], ["0101", "SOR-A"]])
        let grouping = try #require(Grouping("municipality,provider"))
        let statistics = extract.statistics(grouping: grouping, rule: .first)
        #expect(statistics.groups.map(\.key) == [GroupKey(GroupKey(.municipality, "0101"), GroupKey(.provider, "SOR-A")),
                                                 GroupKey(GroupKey(.municipality, "0751"), GroupKey(.provider, "SOR-A"))])
        #expect(statistics.groups.map(\.statistics.improved) == [0, 1])
        #expect(statistics.tally.pairs == 2)
        // A key from the column and one from the theme.
        let byTheme = try #require(Grouping("provider,theme"))
        let mixed = try read(text, columns: ["provider"]).statistics(grouping: byTheme, rule: .first)
        #expect(mixed.groups.map(\.key) == [GroupKey(GroupKey(.provider, "SOR-A"), GroupKey(.theme, Self.shopping))])
        #expect(mixed.groups.map(\.statistics.n) == [2])
        let comparison = extract.caseMix(grouping: grouping, rule: .first)
        #expect(comparison.groups.map(\.comparison.observed) == [0, 1])
        #expect(comparison.groups.map(\.comparison.expected) == [0.5, 0.5])
    }

    @Test func aGroupCellWithTheSeparatorIsRefusedAtItsLine() throws {
        let text = "citizen,theme,date,level,municipality,provider\nP-1,\(Self.shopping),2024-01-01,3,0751,SOR\u{1F}A\n"
        #expect(throws: ExtractError(line: 2, message: #""SOR\x1fA" holds a control character"#)) {
            try read(text, columns: ["municipality", "provider"])
        }
        // One column keeps such a cell as it is.
        #expect(try read(text, columns: ["provider"]).groupValues == [["SOR\u{1F}A"]])
    }
}
