import FFBStatistics
import Testing

@Suite("Pair statistics of a group")
struct PairStatisticsTests {
    @Test("ten citizens who all improve one level give sign-test p = 2/1024")
    func tenImproveByOne() {
        let statistics = PairStatistics(matrix([(baseline: 1, followUp: 0, count: 10)]))
        #expect(statistics.n == 10)
        #expect(statistics.improved == 10)
        #expect(statistics.unchanged == 0)
        #expect(statistics.worsened == 0)
        #expect(statistics.meanChange == 1)
        #expect(statistics.meanBaseline == 1)
        #expect(statistics.meanFollowUp == 0)
        #expect(statistics.improvedShare == 1)
        #expect(statistics.signTestP == 2.0 / 1024)
        // All ten |d| tie at rank 5.5: w₊ = 55, var = 96.25 − 990/48, z = √10.
        #expect(statistics.wilcoxon.wPlus == 55)
        #expect(statistics.wilcoxon.wMinus == 0)
        #expect(isClose(statistics.wilcoxon.z, 10.0.squareRoot()))
        #expect(isClose(statistics.wilcoxon.p, 0.001565402258002549677))
        #expect(statistics.rankBiserial == 1)
        // Only levels 0 and 1 are connected: McNemar's (10 − 0)²/10 on one df.
        #expect(isClose(statistics.stuartMaxwell.chi2, 10))
        #expect(statistics.stuartMaxwell.degreesOfFreedom == 1)
        #expect(statistics.bowker.chi2 == 10)
        #expect(statistics.bowker.degreesOfFreedom == 1)
        #expect(isClose(statistics.bowker.p, 0.001565402258002549677))
    }

    @Test("a group without pairs has zero counts and null statistics")
    func emptyGroup() {
        let statistics = PairStatistics(TransitionMatrix())
        #expect(statistics.n == 0)
        #expect(statistics.improved == 0 && statistics.unchanged == 0 && statistics.worsened == 0)
        #expect(statistics.meanChange == nil)
        #expect(statistics.meanBaseline == nil)
        #expect(statistics.meanFollowUp == nil)
        #expect(statistics.improvedShare == nil)
        #expect(statistics.improvedShareInterval == nil)
        #expect(statistics.signTestP == nil)
        #expect(statistics.wilcoxon.n == 0)
        #expect(statistics.wilcoxon.wPlus == 0 && statistics.wilcoxon.wMinus == 0)
        #expect(statistics.wilcoxon.z == nil && statistics.wilcoxon.p == nil)
        #expect(statistics.rankBiserial == nil)
        #expect(statistics.stuartMaxwell == .undefined)
        #expect(statistics.bowker == .undefined)
    }

    @Test("a group where nobody changed level has means but no tests")
    func onlyTheDiagonal() {
        let statistics = PairStatistics(matrix([
            (baseline: 0, followUp: 0, count: 1), (baseline: 2, followUp: 2, count: 3),
            (baseline: 4, followUp: 4, count: 1),
        ]))
        #expect(statistics.n == 5)
        #expect(statistics.unchanged == 5)
        #expect(statistics.meanChange == 0)
        #expect(statistics.meanBaseline == 2)
        #expect(statistics.meanFollowUp == 2)
        #expect(statistics.improvedShare == 0)
        #expect(statistics.improvedShareInterval?.lower == 0)
        #expect(statistics.signTestP == nil)
        #expect(statistics.wilcoxon.n == 0)
        #expect(statistics.wilcoxon.z == nil)
        #expect(statistics.wilcoxon.p == nil)
        #expect(statistics.rankBiserial == nil)
        #expect(statistics.stuartMaxwell.chi2 == nil)
        #expect(statistics.stuartMaxwell.degreesOfFreedom == nil)
        #expect(statistics.stuartMaxwell.p == nil)
        #expect(statistics.bowker == .undefined)
    }

    @Test("one citizen who improves from 3 to 1")
    func singleCitizen() {
        let statistics = PairStatistics(matrix([(baseline: 3, followUp: 1, count: 1)]))
        #expect(statistics.n == 1)
        #expect(statistics.meanChange == 2)
        #expect(statistics.signTestP == 1)
        // m = 1: w₊ = 1, mean ½, var ¼, z = 1.
        #expect(statistics.wilcoxon.wPlus == 1)
        #expect(statistics.wilcoxon.z == 1)
        #expect(isClose(statistics.wilcoxon.p, 0.3173105078629141028))
        #expect(statistics.rankBiserial == 1)
        #expect(statistics.stuartMaxwell.chi2 == 1)
        #expect(statistics.stuartMaxwell.degreesOfFreedom == 1)
        #expect(statistics.bowker.chi2 == 1)
        #expect(statistics.bowker.degreesOfFreedom == 1)
    }

    @Test("two citizens who move in opposite directions cancel out")
    func oppositeMoves() {
        let statistics = PairStatistics(matrix([(baseline: 2, followUp: 1, count: 1), (baseline: 1, followUp: 2, count: 1)]))
        #expect(statistics.improved == 1)
        #expect(statistics.worsened == 1)
        #expect(statistics.meanChange == 0)
        #expect(statistics.signTestP == 1)
        #expect(statistics.wilcoxon.wPlus == 1.5)
        #expect(statistics.wilcoxon.wMinus == 1.5)
        #expect(statistics.wilcoxon.z == 0)
        #expect(statistics.wilcoxon.p == 1)
        #expect(statistics.rankBiserial == 0)
        #expect(statistics.stuartMaxwell.chi2 == 0)
        #expect(statistics.stuartMaxwell.p == 1)
        #expect(statistics.bowker.chi2 == 0)
        #expect(statistics.bowker.p == 1)
    }

    @Test("interval, sign test and Wilcoxon are those of the building blocks")
    func composedOfBuildingBlocks() {
        let group = matrix([
            (baseline: 3, followUp: 2, count: 4), (baseline: 2, followUp: 3, count: 2),
            (baseline: 4, followUp: 1, count: 1), (baseline: 1, followUp: 1, count: 5),
        ])
        let statistics = PairStatistics(group)
        #expect(statistics.improvedShareInterval == wilsonInterval(successes: 5, trials: 12))
        #expect(statistics.signTestP == signTestPValue(successes: 5, trials: 7))
        #expect(statistics.wilcoxon == WilcoxonSignedRank(group))
        #expect(statistics.stuartMaxwell == ChiSquareTest.stuartMaxwell(group))
        #expect(statistics.bowker == ChiSquareTest.bowker(group))
        #expect(statistics.transitions == group)
    }

    @Test("no statistic is NaN or infinite for any of the oracle's data sets")
    func alwaysFinite() {
        for group in OracleDataSets.groups() {
            let statistics = PairStatistics(group.transitions)
            let values: [Double?] = [
                statistics.meanChange, statistics.meanBaseline, statistics.meanFollowUp,
                statistics.improvedShare, statistics.improvedShareInterval?.lower,
                statistics.improvedShareInterval?.upper, statistics.signTestP,
                statistics.wilcoxon.wPlus, statistics.wilcoxon.wMinus, statistics.wilcoxon.z,
                statistics.wilcoxon.p, statistics.rankBiserial, statistics.stuartMaxwell.chi2,
                statistics.stuartMaxwell.p, statistics.bowker.chi2, statistics.bowker.p,
            ]
            #expect(values.allSatisfy { $0?.isFinite ?? true }, "\(group.transitions)")
        }
    }
}
