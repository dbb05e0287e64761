import Foundation
import Testing

/// `ffb stats --trajectory` and `ffb stats --compare` end to end (Docs/progression.md,
/// "Trajectories" and "Period against period"): hand-counted windows from a fixture extract,
/// disclosure control, bad input, and the demo store against its own extract.
@Suite struct StatsInsightTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/extracts")
    static let trajectory = fixtures.appendingPathComponent("trajectory.csv").path

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = try FFBProcess.run(arguments + ["--format", "json"])
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        return try #require(try FFBProcess.json(result.stdout) as? [String: Any])
    }

    static func windows(_ output: [String: Any], group: Int = 0) throws -> [[String: Any]] {
        let groups = try #require(output["groups"] as? [[String: Any]])
        return try #require(groups[group]["windows"] as? [[String: Any]])
    }

    /// The fixture as `TrajectoryTests` counts it by hand: A 3 → 2 (6) → 1 (12, the later of two);
    /// B 2 → 1 (6, the later of two) → 0 (24+); C's baseline not assessed; D 4 alone.
    @Test func theTrajectoryOfAnExtractIsCountedPerWindow() throws {
        let output = try Self.json(["stats", "--input", Self.trajectory, "--trajectory", "--by", "none"])
        #expect(output["window_months"] as? Int == 6)
        #expect(output["skipped_not_assessed"] as? Int == 1)
        let windows = try Self.windows(output)
        #expect(windows.map { $0["window"] as? String } == ["0", "6", "12", "18", "24+"])
        #expect(windows.map { $0["n"] as? Int } == [3, 2, 1, 0, 1])
        #expect(windows.map { $0["citizens"] as? Int } == [3, 2, 1, 0, 1])
        #expect(windows.map { $0["levels"] as? [Int] } == [[0, 0, 1, 1, 1], [0, 1, 1, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
        #expect(windows.map { $0["mean_level"] as? Double } == [3, 1.5, 1, nil, 0])
        #expect(windows.map { $0["improved_share"] as? Double } == [nil, 1, 1, nil, 1])
        // Baseline levels 3, 2, 4 over three citizens: 3 ± z·√(1/3).
        let interval = try #require(windows[0]["mean_level_ci"] as? [Double])
        #expect(abs(interval[0] - (3 - 1.959963984540054 * (1.0 / 3).squareRoot())) < 1e-12)
        #expect(windows[2]["mean_level_ci"] is NSNull)
        // Twelve-month windows: A's and B's first follow-ups both fall in 12, B's last in 24.
        let wide = try Self.windows(try Self.json(["stats", "--input", Self.trajectory, "--trajectory", "--by", "none", "--window", "12"]))
        #expect(wide.map { $0["window"] as? String } == ["0", "12", "24", "36", "48+"])
        #expect(wide.map { $0["n"] as? Int } == [3, 2, 1, 0, 0])
        #expect(wide[1]["levels"] as? [Int] == [0, 2, 0, 0, 0])
    }

    @Test func theTableAndCSVHideSmallGroupsAndWindows() throws {
        // Three citizens: below the default min_n of 5 the whole group is hidden.
        let hidden = try FFBProcess.run("stats", "--input", Self.trajectory, "--trajectory", "--by", "none")
        #expect(hidden.status == 0)
        let firstRow = hidden.stdout.split(separator: "\n")[2].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        #expect(firstRow == ["alle", "0", "<5", "·", "·", "·", "·", "·", "·", "·", "·"])
        // At min_n 2 the group shows, the windows of one citizen do not.
        let table = try FFBProcess.run("stats", "--input", Self.trajectory, "--trajectory", "--by", "none", "--min-n", "2", "--lang", "en")
        let rows = table.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(rows[2].prefix(4) == ["alle", "0", "3", "3"])
        // Its levels are one pair each: all five hidden, zeros too (with n and the mean shown, the
        // zeros would tell where the two are); the mean stays.
        #expect(rows[3] == ["6", "2", "2", "·", "·", "·", "·", "·", "1.50", "[0.52–2.48]", "100.0%", "[34.2%–100.0%]"])
        #expect(rows[4] == ["12", "<2", "·", "·", "·", "·", "·", "·", "·", "·"])
        let csv = try FFBProcess.run("stats", "--input", Self.trajectory, "--trajectory", "--by", "none", "--min-n", "2", "--format", "csv")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("dimension,key,key_name,window,months,citizens,n,level_0"))
        #expect(lines[3] == "none,,,12,12,<2,·,·,·,·,·,·,·,·,·,·,·,·,·")
        // JSON with --min-n: the hidden window keeps its place, its figures null.
        let output = try Self.json(["stats", "--input", Self.trajectory, "--trajectory", "--by", "none", "--min-n", "2"])
        let windows = try Self.windows(output)
        #expect(windows[2]["suppressed"] as? Bool == true)
        #expect(windows[2]["n"] is NSNull)
        #expect((windows[1]["levels"] as? [Any])?.map { $0 is NSNull } == [true, true, true, true, true])
        #expect(output["min_n"] as? Int == 2)
    }

    @Test func theWindowWidthComesFromTheSettingsFileUnlessTheCommandLineSays() throws {
        let directory = try TemporaryDirectory()
        let settings = try directory.write("s.conf", "trajectory_months = 12\n")
        let output = try Self.json(["stats", "--input", Self.trajectory, "--trajectory", "--settings", settings.path])
        #expect(output["window_months"] as? Int == 12)
        let flag = try Self.json(["stats", "--input", Self.trajectory, "--trajectory", "--settings", settings.path, "--window", "3"])
        #expect(flag["window_months"] as? Int == 3)
        let bad = try directory.write("bad.conf", "# windows\ntrajectory_months = 0\n")
        let result = try FFBProcess.run("stats", "--input", Self.trajectory, "--trajectory", "--settings", bad.path)
        #expect(result.status == 1)
        #expect(result.errorLines == ["\(bad.path):2: trajectory_months must be a whole number from 1 to 60"])
    }

    @Test(arguments: [
        (["--compare", "2024"], 1, "ffb: --compare needs two periods FROM..TO,FROM..TO (e.g. 2024-01-01..2024-12-31,2025-01-01..2025-12-31), not \"2024\""),
        (["--compare", "2024-01-01..2024-12-31"], 1, "ffb: --compare needs two periods FROM..TO,FROM..TO (e.g. 2024-01-01..2024-12-31,2025-01-01..2025-12-31), not \"2024-01-01..2024-12-31\""),
        (["--compare", "2024-01-01..2024-13-01,2025-01-01..2025-12-31"], 1,
         "ffb: --compare needs two periods FROM..TO,FROM..TO (e.g. 2024-01-01..2024-12-31,2025-01-01..2025-12-31); \"2024-01-01..2024-13-01\" is not FROM..TO with dates YYYY-MM-DD"),
        (["--compare", "2024-01-01..2024-12-31,2025-12-31..2025-01-01"], 1, "ffb: --compare: the period 2025-12-31..2025-01-01 ends before it starts"),
        (["--compare", "2024-01-01..2024-12-31,2024-12-31..2025-12-31"], 1,
         "ffb: --compare: the periods 2024-01-01..2024-12-31 and 2024-12-31..2025-12-31 overlap; each pair must fall in one period only"),
        (["--trajectory", "--window", "half"], 1, "ffb: --window must be a whole number of months from 1 to 60, not \"half\""),
        (["--trajectory", "--window", "0"], 1, "ffb: --window must be a whole number of months from 1 to 60, not \"0\""),
        (["--trajectory", "--window", "61"], 1, "ffb: --window must be a whole number of months from 1 to 60, not \"61\""),
    ])
    func badPeriodsAndWindowsAreOneLineAndExitOne(arguments: [String], status: Int32, message: String) throws {
        let result = try FFBProcess.run(["stats", "--input", Self.trajectory] + arguments)
        #expect(result.status == status)
        #expect(result.errorLines == [message])
        #expect(result.stdout.isEmpty)
    }

    @Test(arguments: [
        ["--trajectory", "--baseline", "previous"],
        ["--trajectory", "--compare", "2024-01-01..2024-06-30,2024-07-01..2024-12-31"],
        ["--compare", "2024-01-01..2024-06-30,2024-07-01..2024-12-31", "--from", "2024-01-01"],
        ["--window", "6"],
        ["--trajectory", "--by", "provder"],
    ])
    func optionsThatDoNotGoTogetherAreUsageErrors(arguments: [String]) throws {
        let result = try FFBProcess.run(["stats", "--input", Self.trajectory] + arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
    }

    @Test func onTheDemoStoreTheStoreAndItsExtractAgreeAndEachPeriodIsItsOwnRun() throws {
        let directory = try TemporaryDirectory()
        let demo = directory.file("demo").path
        #expect(try FFBProcess.run("demo", "--dir", demo).status == 0)
        let db = "\(demo)/ffb.sqlite", extract = directory.file("extract.csv").path
        #expect(try FFBProcess.run("export", "--db", db, "--extract", "csv", "--out", extract).status == 0)

        // Trajectories from the store and from its extract are the same figures.
        for by in ["none", "area", "theme"] {
            let store = try FFBProcess.run("stats", "--db", db, "--trajectory", "--by", by, "--format", "json")
            let file = try FFBProcess.run("stats", "--input", extract, "--trajectory", "--by", by, "--format", "json")
            #expect(store.status == 0 && file.status == 0)
            #expect(store.stdout == file.stdout, "--by \(by)")
        }
        // By provider: each order's course, four providers of 30 citizens at baseline.
        let providers = try #require(try Self.json(["stats", "--db", db, "--trajectory", "--by", "provider"])["groups"] as? [[String: Any]])
        #expect(providers.compactMap { ($0["key"] as? [String: String])?["provider"] } == ["SOR-401", "SOR-402", "SOR-403", "SOR-404"])
        #expect(providers.map { $0["citizens"] as? Int } == [30, 30, 30, 30])
        for group in providers {
            for window in try #require(group["windows"] as? [[String: Any]]).dropFirst() {
                guard let share = window["improved_share"] as? Double else { continue }
                #expect((0...1).contains(share))
            }
        }

        // Each period's figures are exactly those of --from/--to over it.
        let periods = [("2023-01-01", "2023-12-31"), ("2024-01-01", "2024-12-31")]
        for source in [["--db", db, "--by", "provider"], ["--input", extract, "--by", "area"]] {
            let compared = try Self.json(["stats", "--compare", periods.map { "\($0.0)..\($0.1)" }.joined(separator: ",")] + source)
            let groups = try #require(compared["groups"] as? [[String: Any]])
            #expect(groups.count >= 4)
            for (index, period) in periods.enumerated() {
                let single = try #require(try Self.json(["stats", "--from", period.0, "--to", period.1] + source)["groups"] as? [[String: Any]])
                for group in single {
                    let key = group["key"] as? [String: String]
                    let match = try #require(groups.first { $0["key"] as? [String: String] == key })
                    let figures = try #require((match["periods"] as? [Any])?[index] as? [String: Any])
                    for name in ["n", "citizens", "improved"] { #expect(figures[name] as? Int == group[name] as? Int, "\(key ?? [:]) \(name)") }
                    #expect(figures["improved_share"] as? Double == group["improved_share"] as? Double)
                    #expect(figures["improved_share_ci_clustered"] as? [Double] == group["improved_share_ci_clustered"] as? [Double])
                }
            }
            for group in groups {
                let difference = try #require(group["difference"] as? [String: Any])
                let shares = try #require(group["periods"] as? [[String: Any]]).map { $0["improved_share"] as? Double ?? .nan }
                #expect(abs((difference["improved_share"] as? Double ?? .nan) - (shares[1] - shares[0])) < 1e-15)
                if let ci = difference["ci"] as? [Double] { #expect(ci[0] < shares[1] - shares[0] && shares[1] - shares[0] < ci[1]) }
            }
        }
        let table = try FFBProcess.run("stats", "--db", db, "--by", "provider", "--compare", "2023-01-01..2023-12-31,2024-01-01..2024-12-31", "--lang", "en")
        #expect(table.stdout.hasPrefix("Period 1: 2023-01-01..2023-12-31; period 2: 2024-01-01..2024-12-31.\n"))
        #expect(table.stdout.contains("Bostøtten Øst (SOR-401)"))

        // The report's trajectory section, all citizens: 120 at baseline.
        let report = try String(contentsOfFile: "\(demo)/report.html", encoding: .utf8)
        #expect(report.contains("<section id=\"trajectory\">"))
        #expect(report.contains("data-stat=\"trajectory_citizens\">120<"))
        #expect(report.contains("Niveauer over tid siden udgangspunktet"))
    }
}
