import FFBCatalog
@testable import FFBProgression
import FFBStatistics
import FFBSynthetic
import Foundation
import Testing

/// `ffb stats --input` over citizens as clusters, end to end: random extract files (several
/// themes per citizen, rows shuffled so a citizen's series are not together, "ikke vurderet"
/// here and there) read by the extract reader and grouped by area and by nothing, with both
/// baselines, against extract_cluster_oracle.py, which pairs the same CSV text itself.
@Suite struct ExtractClusteredOracleTests {
    struct Request: Encodable {
        var areaOfTheme: [String: String]
        var extracts: [String]
    }

    struct Response: Decodable {
        var results: [[ClusteredOracleTests.Response.Expected]]
    }

    static let catalog = BuiltInCatalogs.standard

    /// Eight scored themes from at least three areas.
    static let themes: [Theme] = {
        var chosen: [Theme] = []
        for area in catalog.areas {
            chosen += catalog.themes(in: area.code).filter(\.scored).prefix(3)
            if chosen.count >= 8 { break }
        }
        return Array(chosen.prefix(8))
    }()

    static func extracts() -> [String] {
        var generator = SplitMix64(seed: 2_026_120_620)
        func random(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
        return (0..<210).map { index in
            var rows: [String] = []
            for citizen in 0..<(2 + random(index < 20 ? 4 : 40)) {
                let drift = random(3) - 1
                for theme in themes.shuffled(using: &generator).prefix(1 + random(5)) {
                    var level = random(5)
                    for visit in 0..<(1 + random(4)) {
                        let text = random(23) == 0 ? "ikke-vurderet" : String(level)
                        rows.append("P-\(String(format: "%08d", citizen)),\(theme.code.rawValue),2024-\(String(format: "%02d", 1 + 3 * visit))-0\(1 + random(9)),\(text)")
                        level = min(4, max(0, level - drift + random(3) - 1))
                    }
                }
            }
            rows.shuffle(using: &generator)
            return (["citizen,theme,date,level"] + rows).joined(separator: "\n") + "\n"
        }
    }

    @Test func everyGroupsClusteredStatisticsMatchTheOracle() throws {
        let extracts = Self.extracts()
        let areas = Dictionary(uniqueKeysWithValues: Self.themes.map { ($0.code.rawValue, $0.area.rawValue) })
        let response = try Oracle.run(script: "extract_cluster_oracle.py", Request(areaOfTheme: areas, extracts: extracts), as: Response.self)
        try #require(response.results.count == extracts.count)
        var comparison = OracleComparison(tolerance: 1e-9)
        var groups = 0
        for (index, (text, expected)) in zip(extracts, response.results).enumerated() {
            var reader = ExtractReader(catalog: Self.catalog)
            reader.workers = index % 2 == 0 ? 1 : 2
            reader.blockSize = 4096
            let extract = try reader.read(Data(text.utf8))
            for rule in [BaselineRule.first, .previous] {
                for dimension in [GroupDimension.none, .area] {
                    let result = extract.statistics(by: dimension, rule: rule)
                    let oracle = expected.filter { $0.rule == rule.rawValue && $0.by == (dimension == .none ? "none" : "area") }
                    // The oracle lists the groups with pairs; ffb also shows groups whose series did not pair.
                    for reference in oracle {
                        let key = dimension == .none ? GroupKey.all : GroupKey(.area, reference.group ?? "")
                        let label = "extract \(index) \(rule.rawValue) \(reference.by ?? "") \((reference.group ?? "").prefix(8))"
                        guard let statistics = result.clustered[key] else {
                            comparison.compareExactly("missing", "present", "\(label) group")
                            continue
                        }
                        groups += 1
                        ClusteredOracleTests.compare(statistics, reference, label, into: &comparison)
                    }
                    // And no group with pairs that the oracle does not have.
                    let paired = result.groups.filter { $0.statistics.n > 0 }.count
                    comparison.compareExactly(paired, oracle.count, "extract \(index) \(rule.rawValue) \(dimension) groups with pairs")
                }
            }
        }
        print("clustered statistics of \(extracts.count) extracts, \(groups) groups: \(comparison.summary)")
        #expect(groups > 1000)
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.prefix(20).joined(separator: "\n"))")
    }
}
