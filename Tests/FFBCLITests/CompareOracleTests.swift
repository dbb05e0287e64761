import Foundation
import Testing

/// `ffb stats --input … --compare P1,P2 --format json` against statsmodels: per group, the OLS of
/// the improved indicator on a period dummy with cluster-robust (citizen) covariance, on 120 random
/// extracts for both baseline rules (`compare_oracle.py`). Skipped when Python lacks statsmodels.
@Suite struct CompareOracleTests {
    static let hasStatsmodels: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import numpy, scipy, statsmodels"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static let periodChoices = [
        ["2024-01-01", "2024-10-31", "2024-11-01", "2025-12-31"],
        ["2024-06-01", "2025-12-31", "2024-01-01", "2024-05-31"],
        ["2024-01-01", "2024-06-30", "2025-01-01", "2025-06-30"],
    ]

    @Test(.enabled(if: CompareOracleTests.hasStatsmodels, "needs python3 with numpy, scipy and statsmodels"))
    func theDifferenceAgreesWithAClusteredLinearProbabilityModel() throws {
        let directory = try TemporaryDirectory()
        var cases: [[String: Any]] = []
        var outputs: [Any] = []
        for index in 0..<120 {
            let file = try directory.write("extract-\(index).csv", StatsOracleTests.extract(seed: UInt64(index) * 104_729 + 17))
            let baseline = index % 2 == 0 ? "first" : "previous"
            let by = index % 3 == 0 ? "none" : "theme"
            let p = Self.periodChoices[index % Self.periodChoices.count]
            let result = try FFBProcess.run(["stats", "--input", file.path, "--by", by, "--baseline", baseline,
                                             "--compare", "\(p[0])..\(p[1]),\(p[2])..\(p[3])", "--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try FFBProcess.json(result.stdout))
            cases.append(["file": file.path, "baseline": baseline, "by": by, "periods": [[p[0], p[1]], [p[2], p[3]]]])
        }
        let expected = try Self.oracle(["cases": cases])
        let results = try #require(expected["results"] as? [[String: Any]])
        #expect(results.count == outputs.count)
        var compared = 0, withTest = 0
        for (index, (ours, theirs)) in zip(outputs, results).enumerated() {
            let ourGroups = try #require((ours as? [String: Any])?["groups"] as? [[String: Any]])
            let theirGroups = try #require(theirs["groups"] as? [[String: Any]])
            for group in theirGroups {
                let key = (group["key"] as? [String: String]) ?? [:]
                guard let match = ourGroups.first(where: { ($0["key"] as? [String: String]) ?? [:] == key }) else {
                    Issue.record("case \(index): no group \(key)")
                    continue
                }
                let ourPeriods = try #require(match["periods"] as? [Any])
                for (period, theirPeriod) in try #require(group["periods"] as? [Any]).enumerated() {
                    guard let theirPeriod = theirPeriod as? [String: Any] else { continue }
                    StatsOracleTests.compare(ourPeriods[period], theirPeriod, path: "case \(index) \(key) period \(period + 1)")
                }
                guard let difference = group["difference"] as? [String: Any] else {
                    #expect(match["difference"] is NSNull, "case \(index) \(key): a difference without pairs in both periods")
                    continue
                }
                StatsOracleTests.compare(match["difference"] as Any, difference, path: "case \(index) \(key) difference")
                compared += 1
                if !(difference["z"] is NSNull) { withTest += 1 }
            }
        }
        // The random extracts must exercise the formula, not only its null cases.
        #expect(compared > 150)
        #expect(withTest > 80)
    }

    static func oracle(_ request: [String: Any]) throws -> [String: Any] {
        try StatsOracleTests.runPython(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("compare_oracle.py"), request)
    }
}
