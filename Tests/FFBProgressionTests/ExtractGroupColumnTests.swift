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

    func read(_ text: String, workers: Int = 1, blockSize: Int = 8 << 20) throws -> Extract {
        var reader = ExtractReader(catalog: catalog)
        reader.groupColumn = "provider"
        reader.workers = workers
        reader.blockSize = blockSize
        return try reader.read(Data(text.utf8))
    }

    @Test func eachProvidersRowsOfAThemeAreASeriesOfTheirOwn() throws {
        let extract = try read(Self.text)
        #expect(extract.groupValues == ["SOR-A", "SOR-B"])
        let result = extract.caseMix(by: .provider, rule: .first)
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
            let a = one.caseMix(by: .provider, rule: rule), b = two.caseMix(by: .provider, rule: rule)
            #expect(a.groups.map(\.key) == b.groups.map(\.key))
            #expect(a.groups.map(\.comparison.observed) == b.groups.map(\.comparison.observed))
            #expect(zip(a.groups, b.groups).allSatisfy { abs($0.comparison.expected - $1.comparison.expected) < 1e-9 })
            #expect(a.tally == b.tally && a.tally.pairs > 0)
        }
    }

    @Test func withoutTheColumnTheExtractReadsAsBefore() throws {
        let plain = try ExtractReader(catalog: catalog).read(Data(Self.text.utf8))
        #expect(plain.groupColumn == nil && plain.groupValues.isEmpty && plain.rows == 8)
        #expect(throws: ExtractError.self) { try read("citizen,theme,date,level\nP-1,\(Self.shopping),2024-01-01,3\n") }
    }
}
