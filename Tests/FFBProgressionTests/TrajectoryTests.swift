import FFBCatalog
import FFBModel
import FFBStatistics
import Foundation
import Testing
@testable import FFBProgression

/// Trajectories by hand (Docs/progression.md, "Trajectories"): windows of 6 months, the latest
/// level in a window, improvement against the baseline, citizens as clusters.
@Suite struct TrajectoryTests {
    static let shopping = "01770afa-cd17-41fe-a966-b8895e4d55d8"

    /// A: 3 at baseline, 2 after 182 days (window 6), 3 then 1 after 366 and 385 days (window 12:
    /// the later, 1, counts). B: 2, then 2 after 90 days and 1 after 182 (both window 6: 1
    /// counts), 0 after 851 days (24+). C: a baseline not assessed (left out). D: 4, nothing later.
    static let text = """
        citizen,theme,date,level
        P-A,\(shopping),2024-01-01,3
        P-A,\(shopping),2024-07-01,2
        P-A,\(shopping),2025-01-01,3
        P-A,\(shopping),2025-01-20,1
        P-B,\(shopping),2024-02-01,2
        P-B,\(shopping),2024-05-01,2
        P-B,\(shopping),2024-08-01,1
        P-B,\(shopping),2026-06-01,0
        P-C,\(shopping),2024-03-01,ikke-vurderet
        P-C,\(shopping),2024-09-01,2
        P-D,\(shopping),2024-01-10,4

        """

    func trajectories(_ text: String = text, windows: TrajectoryWindows = .standard, period: Period = .all) throws -> GroupedTrajectories {
        let extract = try ExtractReader(catalog: BuiltInCatalogs.standard).read(Data(text.utf8))
        return extract.trajectories(by: .none, windows: windows, period: period)
    }

    @Test func windowsAreTheNearestMultipleOfTheWidthAfterTheBaseline() throws {
        let six = TrajectoryWindows.standard
        // 9 months = 273.94 days: 273 days is still window 6, 274 window 12.
        #expect([1, 90, 182, 273, 274, 456, 457, 639, 640, 5000].map { six.window(afterDays: Int32($0)) } == [1, 1, 1, 1, 2, 2, 3, 3, 4, 4])
        #expect((0..<5).map(six.label) == ["0", "6", "12", "18", "24+"])
        #expect(TrajectoryWindows(months: 0) == nil)
        #expect(TrajectoryWindows(months: 61) == nil)
        let twelve = try #require(TrajectoryWindows(months: 12))
        #expect((0..<5).map(twelve.label) == ["0", "12", "24", "36", "48+"])
        #expect(twelve.window(afterDays: 182) == 1)
        #expect(twelve.window(afterDays: 548) == 2)
    }

    @Test func eachWindowCountsTheLatestLevelOfEverySeriesAgainstItsBaseline() throws {
        let result = try trajectories()
        #expect(result.skippedNotAssessed == 1)
        let windows = try #require(result.groups.first?.windows)
        #expect(result.groups.count == 1)
        #expect(windows.map(\.n) == [3, 2, 1, 0, 1])
        #expect(windows.map(\.citizens) == [3, 2, 1, 0, 1])
        #expect(windows.map(\.levels) == [[0, 0, 1, 1, 1], [0, 1, 1, 0, 0], [0, 1, 0, 0, 0], [0, 0, 0, 0, 0], [1, 0, 0, 0, 0]])
        #expect(windows.map(\.meanLevel) == [3, 1.5, 1, nil, 0])
        #expect(windows.map(\.improved) == [0, 2, 1, 0, 1])
        #expect(windows.map(\.improvedShare) == [nil, 1, 1, nil, 1])
        // Baseline levels 3, 2, 4: SE² = 1/3. Window 6: 2 and 1, SE² = 2 · 0.5 / 4 = 1/4.
        let z = standardNormalQuantile975
        let baseline = try #require(windows[0].meanLevelInterval), six = try #require(windows[1].meanLevelInterval)
        #expect(abs(baseline.lower - (3 - z * (1.0 / 3).squareRoot())) < 1e-12)
        #expect(abs(six.upper - (1.5 + z * 0.5)) < 1e-12)
        // Both improved: p = 1, deff 1, the Wilson interval of 2 of 2.
        #expect(windows[1].improvedShareInterval == wilsonInterval(successes: 2, trials: 2))
        // One citizen: no interval.
        #expect(windows[2].meanLevelInterval == nil && windows[2].improvedShareInterval == nil)
    }

    @Test func thePeriodMovesTheBaselineToTheFirstLevelInIt() throws {
        // From 2024-06-01: A starts at 2 (2024-07-01); 3 after 184 days and 1 after 203 are both
        // window 6, and 1 counts. B starts at 1 (2024-08-01), 0 after 669 days (24+). C: 2 alone.
        let from = Int32(try #require(LocalDate(iso: "2024-06-01")).dayNumber)
        let windows = try #require(try trajectories(period: Period(from: from)).groups.first?.windows)
        #expect(windows.map(\.n) == [3, 1, 0, 0, 1])
        #expect(windows[0].levels == [0, 1, 2, 0, 0])
        #expect(windows[1].levels == [0, 1, 0, 0, 0])
        #expect(windows.map(\.improved) == [0, 1, 0, 0, 1])
    }

    @Test func aCitizensThemesAreOneClusterInAWindow() throws {
        // One citizen with two themes improving, another with one theme unchanged, by none.
        let cooking = "b947f321-7cdb-4b33-9653-f3ff800572b0"
        let text = """
            citizen,theme,date,level
            P-A,\(Self.shopping),2024-01-01,3
            P-A,\(Self.shopping),2024-07-01,2
            P-A,\(cooking),2024-01-01,2
            P-A,\(cooking),2024-07-01,1
            P-B,\(Self.shopping),2024-01-01,1
            P-B,\(Self.shopping),2024-07-01,1

            """
        let six = try #require(try trajectories(text).groups.first?.windows[1])
        #expect(six.n == 3)
        #expect(six.citizens == 2)
        #expect(six.improvedShare == 2.0 / 3)
        // u = 2, 0 over m = 2, 1: residuals 2 − 4/3 and −2/3, Σ = 8/9; SE² = 2 · (8/9) / 9.
        var sums = ClusterSums()
        sums.add(total: 2, count: 2)
        sums.add(total: 0, count: 1)
        #expect(abs(try #require(sums.variance) - 16.0 / 81) < 1e-15)
        #expect(six.improvedShareInterval == sums.clusteredShare?.interval)
    }
}
