import Testing
@testable import FFBStatistics

/// The clustered ratio behind the trajectory's mean level and the period difference
/// (Docs/progression.md, "Trajectories" and "Period against period"), on hand-worked groups.
@Suite struct ShareDifferenceTests {
    @Test func aMeanLevelOverThreeCitizensHasTheClusterRobustInterval() throws {
        // Levels 3, 2, 4, one each: ȳ = 3, residuals 0, −1, 1, SE² = 3/2 · 2 / 3² = 1/3.
        var sums = ClusterSums()
        for level in [3, 2, 4] { sums.add(total: level, count: 1) }
        #expect(sums.ratio == 3)
        #expect(abs(try #require(sums.variance) - 1.0 / 3) < 1e-15)
        let interval = try #require(sums.meanInterval)
        let half = standardNormalQuantile975 * (1.0 / 3).squareRoot()
        #expect(abs(interval.lower - (3 - half)) < 1e-12)
        #expect(abs(interval.upper - (3 + half)) < 1e-12)
    }

    @Test func aCitizenWithSeveralObservationsWeighsAsOneCluster() throws {
        // Citizen A: levels 1 and 1 (s = 2, m = 2); B: level 4 (s = 4, m = 1). ȳ = 6/3 = 2;
        // residuals 2 − 2·2 = −2 and 4 − 2 = 2; SE² = 2/1 · 8 / 9 = 16/9.
        var sums = ClusterSums()
        sums.add(total: 2, count: 2)
        sums.add(total: 4, count: 1)
        #expect(sums.clusters == 2)
        #expect(sums.count == 3)
        #expect(abs(try #require(sums.standardError) - 4.0 / 3) < 1e-15)
        // With one citizen there is no interval.
        var one = ClusterSums()
        one.add(total: 3, count: 2)
        #expect(one.meanInterval == nil)
    }

    @Test func theClusteredShareIsTheOneOfClusteredPairStatistics() throws {
        var citizens: [CitizenPairs] = []
        for (baseline, followUps) in [(3, [1, 3]), (2, [2]), (4, [3, 4, 2]), (1, [0])] {
            var citizen = CitizenPairs()
            for followUp in followUps { citizen.add(baseline: baseline, followUp: followUp) }
            citizens.append(citizen)
        }
        var sums = ClusterSums()
        for citizen in citizens { sums.add(total: citizen.improved, count: citizen.pairs) }
        let statistics = ClusteredPairStatistics(citizens)
        let share = try #require(sums.clusteredShare)
        #expect(share.interval == statistics.improvedShareInterval)
        #expect(share.designEffect == statistics.designEffect)
    }

    @Test func theDifferenceOfTwoPeriodsCountsACitizenInBothAsOneCluster() throws {
        // g1: period 1 one of two improved, period 2 one of one; g2: period 1 none of one;
        // g3: period 2 two of two. p1 = 1/3, p2 = 1, D = 2/3. Residuals a (period 2) are all 0;
        // b = 1/3, −1/3, 0; Σ (a/N2 − b/N1)² = 2/81; c = 3/2 · 5/4; SE² = 5/108.
        var sums = PairedClusterSums()
        sums.add(first: 1, of: 2, second: 1, of: 1)
        sums.add(first: 0, of: 1, second: 0, of: 0)
        sums.add(first: 0, of: 0, second: 2, of: 2)
        let difference = try #require(sums.difference)
        #expect(difference.citizens == 3)
        #expect(difference.citizensInBoth == 1)
        #expect(abs(difference.difference - 2.0 / 3) < 1e-15)
        #expect(abs(try #require(difference.standardError) - (5.0 / 108).squareRoot()) < 1e-15)
        // statsmodels: p 0.001945773693739158, interval [0.24494956, 1.08838377].
        #expect(abs(try #require(difference.p) - 0.001945773693739158) < 1e-12)
        let interval = try #require(difference.interval)
        #expect(abs(interval.lower - 0.24494956) < 1e-8)
        #expect(abs(interval.upper - 1.08838377) < 1e-8)
    }

    @Test func crossResidualsOfACitizenInBothPeriodsEnterTheVariance() throws {
        // Four citizens, three in both periods: p1 = 2/4, p2 = 2/5, D = −0.1. By hand
        // Σ (a/5 − b/4)² = 0.11005, c = 4/3 · 8/7; statsmodels' OLS with cluster covariance
        // gives SE 0.40950609042508546 and p 0.8070785506510263.
        var sums = PairedClusterSums()
        sums.add(first: 1, of: 2, second: 1, of: 2)
        sums.add(first: 0, of: 1, second: 1, of: 1)
        sums.add(first: 1, of: 1, second: 0, of: 1)
        sums.add(first: 0, of: 0, second: 0, of: 1)
        let difference = try #require(sums.difference)
        #expect(abs(difference.difference + 0.1) < 1e-15)
        #expect(abs(try #require(difference.standardError) - 0.40950609042508546) < 1e-14)
        #expect(abs(try #require(difference.standardError) - (0.11005 * 32 / 21).squareRoot()) < 1e-14)
        #expect(abs(try #require(difference.p) - 0.8070785506510263) < 1e-12)
    }

    @Test func noDifferenceWithoutPairsInBothPeriodsAndNoTestWithoutVariation() throws {
        var onlyFirst = PairedClusterSums()
        onlyFirst.add(first: 1, of: 1, second: 0, of: 0)
        onlyFirst.add(first: 0, of: 1, second: 0, of: 0)
        #expect(onlyFirst.difference == nil)
        // Everyone improved in both periods: D = 0, SE = 0, no interval, z or p.
        var same = PairedClusterSums()
        same.add(first: 1, of: 1, second: 1, of: 1)
        same.add(first: 2, of: 2, second: 0, of: 0)
        let difference = try #require(same.difference)
        #expect(difference.difference == 0)
        #expect(difference.standardError == 0)
        #expect(difference.interval == nil)
        #expect(difference.z == nil)
        #expect(difference.p == nil)
    }
}
