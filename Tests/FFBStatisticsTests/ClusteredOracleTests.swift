import FFBStatistics
import FFBSynthetic
import Testing

/// The clustered statistics (STATISTICS.md "Citizens as clusters") against statsmodels,
/// scipy and numpy (cluster_oracle.py), to 1e-9 relative, on random groups where a citizen
/// gives one to eight pairs, from no citizen to a hundred.
@Suite struct ClusteredOracleTests {
    struct Request: Encodable {
        var dataSets: [[[Int]]]
    }

    struct Response: Decodable {
        var dataSets: [Expected]

        struct Expected: Decodable {
            /// For a group of an extract: by what, which group, which baseline.
            var by: String?
            var group: String?
            var rule: String?
            var citizens: Int
            var designEffect: Double?
            var effectiveSize: Double?
            var ci: [Double]?
            var signChi2: Double?
            var signP: Double?
            var wilcoxon: Wilcoxon
            var smChi2: Double?
            var smDf: Int?
            var smP: Double?
        }

        struct Wilcoxon: Decodable {
            var n: Int?
            var wPlus: Double?
            var wMinus: Double?
            var z: Double?
            var p: Double?
        }
    }

    /// Random data sets as (citizen, baseline, follow-up) rows; levels drift toward
    /// improvement for some citizens and not others, so the clusters differ.
    static func dataSets() -> [[[Int]]] {
        var generator = SplitMix64(seed: 20_261_206)
        var sets: [[[Int]]] = []
        let sizes = [0, 1, 2, 2, 3, 4, 5, 8, 13, 30, 100]
        for index in 0..<231 {
            let citizens = index < sizes.count ? sizes[index] : Int(generator.next() % 60) + 2
            var rows: [[Int]] = []
            for citizen in 0..<citizens {
                let pairs = Int(generator.next() % 8) + 1
                let drift = Int(generator.next() % 3) - 1
                for _ in 0..<pairs {
                    let baseline = Int(generator.next() % 5)
                    let step = index % 7 == 0 ? 0 : Int(generator.next() % 3) - 1 + drift
                    rows.append([citizen, baseline, min(4, max(0, baseline - step))])
                }
            }
            sets.append(rows)
        }
        // Edge cases: nobody changed; everyone improved by the same; one citizen's pairs only differ.
        sets.append((0..<6).map { [$0, 2, 2] })
        sets.append((0..<6).flatMap { citizen in [[citizen, 3, 1], [citizen, 4, 2]] })
        sets.append([[0, 2, 2], [1, 2, 2], [2, 3, 0]])
        return sets
    }

    @Test func everyClusteredStatisticMatchesTheOracle() throws {
        let sets = Self.dataSets()
        let response = try Oracle.run(script: "cluster_oracle.py", Request(dataSets: sets), as: Response.self)
        try #require(response.dataSets.count == sets.count)
        var comparison = OracleComparison(tolerance: 1e-9)
        for (index, (rows, expected)) in zip(sets, response.dataSets).enumerated() {
            var clusters: [Int: CitizenPairs] = [:]
            for row in rows { clusters[row[0], default: CitizenPairs()].add(baseline: row[1], followUp: row[2]) }
            let statistics = ClusteredPairStatistics(clusters.values)
            Self.compare(statistics, expected, "data set \(index) (\(expected.citizens) citizens, \(rows.count) pairs)", into: &comparison)
        }
        print("clustered oracle, \(sets.count) data sets: \(comparison.summary)")
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.prefix(20).joined(separator: "\n"))")
    }

    /// Every clustered statistic against the oracle's. Exact integer sums give a design effect of
    /// 0 where every citizen improved in the same proportion, where the oracle's floating sums
    /// leave ~1e-31; intervals and χ² next to an exact 0 get the same allowance.
    static func compare(_ statistics: ClusteredPairStatistics, _ expected: Response.Expected, _ label: String, into comparison: inout OracleComparison) {
        comparison.compareExactly(statistics.citizens, expected.citizens, "\(label) citizens")
        comparison.compare(statistics.designEffect, expected.designEffect, "\(label) design effect", absoluteTolerance: 1e-12)
        comparison.compare(statistics.effectiveSize, expected.effectiveSize, "\(label) effective size")
        comparison.compare(statistics.improvedShareInterval?.lower, expected.ci?[0], "\(label) interval lower", absoluteTolerance: 1e-15)
        comparison.compare(statistics.improvedShareInterval?.upper, expected.ci?[1], "\(label) interval upper", absoluteTolerance: 1e-15)
        comparison.compare(statistics.signTest.chi2, expected.signChi2, "\(label) sign χ²")
        comparison.compare(statistics.signTest.p, expected.signP, "\(label) sign p")
        comparison.compareExactly(statistics.wilcoxon?.n, expected.wilcoxon.n, "\(label) Wilcoxon m")
        comparison.compare(statistics.wilcoxon?.wPlus, expected.wilcoxon.wPlus, "\(label) w+")
        comparison.compare(statistics.wilcoxon?.wMinus, expected.wilcoxon.wMinus, "\(label) w-")
        comparison.compare(statistics.wilcoxon?.z, expected.wilcoxon.z, "\(label) Wilcoxon z")
        comparison.compare(statistics.wilcoxon?.p, expected.wilcoxon.p, "\(label) Wilcoxon p")
        comparison.compareExactly(statistics.stuartMaxwell.degreesOfFreedom, expected.smDf, "\(label) Stuart–Maxwell df")
        comparison.compare(statistics.stuartMaxwell.chi2, expected.smChi2, "\(label) Stuart–Maxwell χ²", absoluteTolerance: 1e-9)
        comparison.compare(statistics.stuartMaxwell.p, expected.smP, "\(label) Stuart–Maxwell p", absoluteTolerance: 1e-12)
    }

    @Test func summariesOfPartsMergeIntoTheSummaryOfTheWhole() {
        for rows in Self.dataSets().prefix(40) {
            var clusters: [Int: CitizenPairs] = [:]
            for row in rows { clusters[row[0], default: CitizenPairs()].add(baseline: row[1], followUp: row[2]) }
            var whole = ClusterSummary(), even = ClusterSummary(), odd = ClusterSummary()
            for (citizen, pairs) in clusters {
                whole.add(pairs)
                if citizen % 2 == 0 { even.add(pairs) } else { odd.add(pairs) }
            }
            even.merge(odd)
            #expect(even == whole)
            #expect(ClusteredPairStatistics(even) == ClusteredPairStatistics(Array(clusters.values)))
        }
    }

    @Test func oneCitizenOrNoneGivesNoClusteredStatistic() {
        var one = CitizenPairs()
        one.add(baseline: 3, followUp: 1)
        one.add(baseline: 2, followUp: 1)
        let statistics = ClusteredPairStatistics([one])
        #expect(statistics.citizens == 1)
        #expect(statistics.designEffect == nil && statistics.improvedShareInterval == nil && statistics.wilcoxon == nil)
        #expect(statistics.signTest == .undefined && statistics.stuartMaxwell == .undefined)
        #expect(ClusteredPairStatistics([CitizenPairs]()).citizens == 0)
    }

    @Test func withOnePairPerCitizenTheSignTestIsMcNemarsAndStuartMaxwellThePairsOwn() {
        // Four improved, one worsened, two unchanged, one pair each: McNemar χ² = (4 − 1)² / 5.
        let pairs = [(3, 1), (2, 1), (4, 3), (1, 0), (1, 2), (2, 2), (0, 0)]
        var matrix = TransitionMatrix()
        let clusters = pairs.map { pair in
            var citizen = CitizenPairs()
            citizen.add(baseline: pair.0, followUp: pair.1)
            matrix.record(baseline: pair.0, followUp: pair.1)
            return citizen
        }
        let statistics = ClusteredPairStatistics(clusters)
        #expect(statistics.signTest.chi2 == 9.0 / 5.0)
        #expect(statistics.designEffect.map { abs($0 - 7.0 / 6.0) < 1e-12 } == true, "with m_g = 1 the design effect is G/(G − 1)")
        let unclustered = ChiSquareTest.stuartMaxwell(matrix)
        #expect(statistics.stuartMaxwell.degreesOfFreedom == unclustered.degreesOfFreedom)
        #expect(abs((statistics.stuartMaxwell.chi2 ?? 0) - (unclustered.chi2 ?? 1)) < 1e-9)
    }
}
