import FFBCatalog
import FFBProgression
import FFBStatistics
import FFBSynthetic
import Testing

/// The case-mix adjusted comparison (Docs/progression.md, "Providers compared fairly") against
/// statsmodels (casemix_oracle.py): O, E, O/E, its cluster-robust standard error and interval,
/// and the funnel's limits, to 1e-9 relative, on random data sets of groups whose citizens give
/// several pairs of several themes.
@Suite struct CaseMixOracleTests {
    struct Request: Encodable {
        var dataSets: [[[Int]]]
    }

    struct Response: Decodable {
        var dataSets: [[Expected]]

        struct Expected: Decodable {
            var group: Int
            var observed: Int
            var expected: Double
            var ratio: Double?
            var se: Double?
            var ci: [Double]?
            var clusters: Int
            var limits95: [Double]?
            var limits998: [Double]?
        }
    }

    /// Rows (group, citizen, theme, baseline, follow-up). Groups differ in their citizens'
    /// baselines and in how well they do; a citizen may appear in two groups, as one with two
    /// orders does.
    static func dataSets() -> [[[Int]]] {
        var generator = SplitMix64(seed: 22_03)
        var sets: [[[Int]]] = []
        for index in 0..<120 {
            let groups = Int(generator.next() % 5) + 1
            let citizens = index < 4 ? index + 1 : Int(generator.next() % 80) + 2
            var rows: [[Int]] = []
            for citizen in 0..<citizens {
                let group = Int(generator.next() % UInt64(groups))
                let start = Int(generator.next() % 5)
                for _ in 0..<(Int(generator.next() % 6) + 1) {
                    let theme = Int(generator.next() % 4)
                    let baseline = min(4, max(0, start + Int(generator.next() % 3) - 1))
                    let step = Int(generator.next() % 3) - 1 + (group == 0 ? 1 : 0)
                    let owner = generator.next() % 10 == 0 ? (group + 1) % groups : group
                    rows.append([owner, citizen, theme, baseline, min(4, max(0, baseline - step))])
                }
            }
            sets.append(rows)
        }
        // Edge cases: every pair starts at 0 (nothing can improve, E = 0); one citizen per group.
        sets.append((0..<6).map { [$0 % 2, $0, 0, 0, 1] })
        sets.append([[0, 0, 1, 3, 1], [1, 1, 1, 3, 3], [1, 2, 1, 3, 2]])
        return sets
    }

    static func comparison(_ rows: [[Int]]) -> CaseMixComparison {
        let themes = BuiltInCatalogs.standard.themes.prefix(4).map(\.code)
        var accumulator = CaseMixAccumulator(rule: .first, period: .all, themes: Array(themes))
        for row in rows {
            let series = LevelSeries(points: [.init(day: 0, level: Int8(row[3])), .init(day: 1, level: Int8(row[4]))])
            accumulator.add(series, citizen: row[1], theme: row[2], to: GroupKey(.provider, String(format: "G%03d", row[0])))
        }
        return accumulator.result()
    }

    @Test func observedExpectedAndTheirIntervalMatchStatsmodels() throws {
        let sets = Self.dataSets()
        let response = try Oracle.run(script: "casemix_oracle.py", Request(dataSets: sets), as: Response.self)
        try #require(response.dataSets.count == sets.count)
        var check = OracleComparison(tolerance: 1e-9)
        for (index, (rows, expected)) in zip(sets, response.dataSets).enumerated() {
            let result = Self.comparison(rows)
            check.compareExactly(result.groups.count, expected.count, "data set \(index) groups")
            for (group, oracle) in zip(result.groups, expected) {
                let label = "data set \(index) group \(oracle.group)"
                let c = group.comparison
                check.compareExactly(group.key.value, String(format: "G%03d", oracle.group), "\(label) key")
                check.compareExactly(c.observed, oracle.observed, "\(label) O")
                check.compare(c.expected, oracle.expected, "\(label) E", absoluteTolerance: 1e-12)
                check.compareExactly(c.clusters, oracle.clusters, "\(label) clusters")
                check.compare(c.ratio, oracle.ratio, "\(label) O/E")
                check.compare(c.standardError, oracle.se, "\(label) SE", absoluteTolerance: 1e-12)
                check.compare(c.interval()?.lower, oracle.ci?[0], "\(label) CI lower", absoluteTolerance: 1e-12)
                check.compare(c.interval()?.upper, oracle.ci?[1], "\(label) CI upper")
                let inner = ObservedExpected.controlLimits(expected: c.expected, z: ObservedExpected.innerLimitZ)
                let outer = ObservedExpected.controlLimits(expected: c.expected, z: ObservedExpected.outerLimitZ)
                check.compare(inner?.lower, oracle.limits95?[0], "\(label) 95 % lower", absoluteTolerance: 1e-12)
                check.compare(inner?.upper, oracle.limits95?[1], "\(label) 95 % upper")
                check.compare(outer?.lower, oracle.limits998?[0], "\(label) 99.8 % lower", absoluteTolerance: 1e-12)
                check.compare(outer?.upper, oracle.limits998?[1], "\(label) 99.8 % upper")
            }
        }
        print("case-mix oracle, \(sets.count) data sets: \(check.summary)")
        #expect(check.mismatches.isEmpty, "\(check.mismatches.prefix(20).joined(separator: "\n"))")
    }

    /// Worked by hand: stratum (theme 0, level 3) has 4 pairs, 2 improved (rate ½); stratum
    /// (theme 0, level 2) 2 pairs, 2 improved (rate 1). Group A: citizen 1 (3→1, 3→3), citizen
    /// 2 (2→1): O = 2, E = ½ + ½ + 1 = 2. Group B: citizen 3 (3→2, 3→4), citizen 4 (2→0): O = 2,
    /// E = 2. Both O/E = 1; Σ(o − e)² for A: (1 − 1)² + (1 − 1)² = 0, so SE = 0.
    @Test func aHandWorkedComparison() {
        let rows = [[0, 1, 0, 3, 1], [0, 1, 0, 3, 3], [0, 2, 0, 2, 1], [1, 3, 0, 3, 2], [1, 3, 0, 3, 4], [1, 4, 0, 2, 0]]
        let result = Self.comparison(rows)
        #expect(result.groups.map(\.comparison.observed) == [2, 2])
        #expect(result.groups.map(\.comparison.expected) == [2, 2])
        #expect(result.groups.map(\.comparison.ratio) == [1, 1])
        #expect(result.groups.map(\.comparison.standardError) == [0, 0])
        #expect(result.groups.map(\.citizens) == [2, 2])
        #expect(result.strata.map(\.rate) == [1, 0.5])
        #expect(result.groups[0].comparison.funnelPosition == .within)
    }

    /// A group that improves more than its case mix predicts falls above the funnel: E = 8 (16
    /// pairs at rate ½) and O = 16 give O/E = 2, above 1 + 1.96/√8 ≈ 1.69 but not 1 + 3.09/√8 ≈
    /// 2.09; E = 6 (rate ⅜) and O = 16 give 2.67, above 1 + 3.09/√6 ≈ 2.26.
    @Test func aGroupFarAboveItsExpectationIsFlagged() {
        var oe = ObservedExpected(citizens: (0..<16).map { _ in (observed: 1, expected: 0.5) })
        #expect(oe.ratio == 2 && oe.funnelPosition == .above95)
        #expect(ObservedExpected(citizens: (0..<16).map { _ in (observed: 1, expected: 0.375) }).funnelPosition == .above998)
        // Nothing improved where E = 16: below 1 − 3.09/√16 ≈ 0.23. Where E = 6 that limit is below 0.
        #expect(ObservedExpected(citizens: (0..<32).map { _ in (observed: 0, expected: 0.5) }).funnelPosition == .below998)
        #expect(ObservedExpected(citizens: (0..<16).map { _ in (observed: 0, expected: 0.375) }).funnelPosition == .below95)
        oe = ObservedExpected(citizens: (0..<16).map { $0 < 13 ? (observed: 1, expected: 0.5) : (observed: 0, expected: 0.5) })
        // O/E = 13/8 = 1.625, below 1 + 1.96/√8 ≈ 1.693: inside the 95 % limits.
        #expect(oe.funnelPosition == .within)
        #expect(ObservedExpected(citizens: [(observed: 0, expected: 0.0)]).ratio == nil)
    }
}
