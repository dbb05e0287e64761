import Foundation
import Testing
import FFBSynthetic

/// `ffb stats --input … --format json` against an independent oracle (Python: csv pairing,
/// scipy/statsmodels statistics) on 200 random extracts with ties, zeros, tiny groups, empty
/// levels and "ikke vurderet", for both baseline rules and with periods.
@Suite struct StatsOracleTests {
    static let themes = [
        "01770afa-cd17-41fe-a966-b8895e4d55d8", "b947f321-7cdb-4b33-9653-f3ff800572b0",
        "8f32c948-41c4-49d7-8913-cdeede2e7fe1", "4977ce08-df4d-4c09-8e03-c2a563862e68",
        "986898d0-e2e5-4afa-9cb3-ee7aecaa0143",
    ]

    static func extract(seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        let citizens = Int.random(in: 0...40, using: &random)
        let themeCount = Int.random(in: 1...themes.count, using: &random)
        let notAssessedShare = [0.0, 0.1, 0.3][Int.random(in: 0...2, using: &random)]
        // Some data sets use only a few levels, so transition matrices have empty levels.
        let levels = Array(0...4).shuffled(using: &random).prefix(Int.random(in: 1...5, using: &random))
        let stay = Double.random(in: 0...0.8, using: &random)
        var text = "citizen,theme,date,level\n"
        for citizen in 0..<citizens {
            for theme in themes.prefix(themeCount) where Bool.random(using: &random) || themeCount == 1 {
                let visits = Int.random(in: 1...4, using: &random)
                var days = Set<Int>()
                while days.count < visits { days.insert(Int.random(in: 0...700, using: &random)) }
                var level = levels.randomElement(using: &random) ?? 0
                for day in days.sorted() {
                    if Double.random(in: 0..<1, using: &random) >= stay { level = levels.randomElement(using: &random) ?? 0 }
                    let value = Double.random(in: 0..<1, using: &random) < notAssessedShare ? "ikke-vurderet" : String(level)
                    let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: day, to: Date(timeIntervalSince1970: 1_704_067_200)) ?? Date()
                    let iso = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate])
                    text += "P-\(String(citizen, radix: 10).leftPadded(to: 8)),\(theme),\(iso),\(value)\n"
                }
            }
        }
        return text
    }

    @Test func statsAgreeWithTheOracleOnTwoHundredRandomExtracts() throws {
        let directory = try TemporaryDirectory()
        var cases: [[String: Any]] = []
        var outputs: [Any] = []
        for index in 0..<200 {
            let file = try directory.write("extract-\(index).csv", Self.extract(seed: UInt64(index) * 7919 + 1))
            let baseline = index % 2 == 0 ? "first" : "previous"
            let by = index % 5 == 0 ? "none" : "theme"
            let from: String? = index % 7 == 3 ? "2024-04-01" : nil
            let to: String? = index % 11 == 5 ? "2025-06-30" : nil
            var arguments = ["stats", "--input", file.path, "--by", by, "--baseline", baseline, "--format", "json"]
            if let from { arguments += ["--from", from] }
            if let to { arguments += ["--to", to] }
            let result = try FFBProcess.run(arguments)
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try FFBProcess.json(result.stdout))
            cases.append(["file": file.path, "baseline": baseline, "by": by, "from": from as Any, "to": to as Any])
        }
        let expected = try Self.oracle(["cases": cases])
        let results = try #require(expected["results"] as? [Any])
        #expect(results.count == outputs.count)
        for (index, (ours, theirs)) in zip(outputs, results).enumerated() {
            var ours = try #require(ours as? [String: Any])
            var theirs = try #require(theirs as? [String: Any])
            // Groups are compared by key, whatever their order.
            let ourGroups = try #require(ours.removeValue(forKey: "groups") as? [[String: Any]])
            let theirGroups = try #require(theirs.removeValue(forKey: "groups") as? [[String: Any]])
            Self.compare(ours, theirs, path: "case \(index)")
            #expect(ourGroups.count == theirGroups.count, "case \(index): group count")
            for group in theirGroups {
                let key = (group["key"] as? [String: String]) ?? [:]
                let match = ourGroups.first { ($0["key"] as? [String: String]) ?? [:] == key }
                guard let match else {
                    Issue.record("case \(index): no group \(key)")
                    continue
                }
                Self.compare(match, group, path: "case \(index) \(key)")
            }
        }
    }

    /// Numbers to 1e-9 relative, counts exactly, null against null.
    static func compare(_ ours: Any, _ theirs: Any, path: String) {
        switch (ours, theirs) {
        case let (a as [String: Any], b as [String: Any]):
            for (key, value) in b {
                guard let mine = a[key] else {
                    Issue.record("\(path): missing \(key)")
                    continue
                }
                compare(mine, value, path: "\(path).\(key)")
            }
        case let (a as [Any], b as [Any]):
            #expect(a.count == b.count, "\(path): length")
            for (index, pair) in zip(a, b).enumerated() { compare(pair.0, pair.1, path: "\(path)[\(index)]") }
        case (is NSNull, is NSNull):
            break
        case let (a as NSNumber, b as NSNumber):
            let x = a.doubleValue, y = b.doubleValue
            let scale = max(abs(x), abs(y))
            #expect(abs(x - y) <= 1e-9 * scale + 1e-15, "\(path): \(x) vs \(y)")
        default:
            #expect("\(ours)" == "\(theirs)", "\(path): \(ours) vs \(theirs)")
        }
    }

    static func oracle(_ request: [String: Any]) throws -> [String: Any] {
        try runPython(URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("stats_oracle.py"), request)
    }

    /// Runs a Python oracle script: `request` as JSON on its stdin, its JSON answer back.
    static func runPython(_ script: URL, _ request: [String: Any]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path]
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: request))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("the Python oracle failed (pip install scipy statsmodels): \(message)")
            return [:]
        }
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
