import FFBStatistics
import Testing

/// FFBStatistics against scipy and statsmodels (see oracle.py), on deterministic
/// random data sets, to 1e-9 relative.
@Suite("Agreement with scipy and statsmodels")
struct OracleTests {
    static let tolerance = 1e-9

    @Test("every pair statistic of every data set matches the oracle")
    func pairStatistics() throws {
        let groups = OracleDataSets.groups()
        let request = Oracle.Request(
            groups: groups.map { group in
                switch group {
                case .matrix(let matrix): .matrix(matrix.rows)
                case .pairs(let pairs): .pairs(pairs.map { [$0.baseline, $0.followUp] })
                }
            },
            signTests: [], normalSf: [], chi2Sf: [])
        let response = try Oracle.run(request)
        try #require(response.groups.count == groups.count)

        var comparison = OracleComparison(tolerance: Self.tolerance)
        for (index, (group, reference)) in zip(groups, response.groups).enumerated() {
            compare(PairStatistics(group.transitions), reference, label: "data set \(index)", into: &comparison)
        }
        print("oracle, \(groups.count) data sets: \(comparison.summary)")
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.prefix(20).joined(separator: "\n"))")
    }

    @Test("sign test, normal and chi-square tails match scipy")
    func buildingBlocks() throws {
        let signTests = OracleDataSets.signTests()
        let normalArguments = OracleDataSets.normalArguments()
        let chiSquareArguments = OracleDataSets.chiSquareArguments()
        let response = try Oracle.run(Oracle.Request(
            groups: [],
            signTests: signTests.map { [$0.successes, $0.trials] },
            normalSf: normalArguments,
            chi2Sf: chiSquareArguments.map { [$0.x, $0.degreesOfFreedom] }))
        try #require(response.signTests.count == signTests.count)
        try #require(response.normalSf.count == normalArguments.count)
        try #require(response.chi2Sf.count == chiSquareArguments.count)

        var comparison = OracleComparison(tolerance: Self.tolerance)
        for (test, expected) in zip(signTests, response.signTests) {
            comparison.compare(
                signTestPValue(successes: test.successes, trials: test.trials), expected,
                "sign test \(test.successes)/\(test.trials)")
        }
        for (z, expected) in zip(normalArguments, response.normalSf) {
            comparison.compare(standardNormalSurvival(z), expected, "Φc(\(z))")
        }
        for (argument, expected) in zip(chiSquareArguments, response.chi2Sf) {
            comparison.compare(
                chiSquareSurvival(argument.x, degreesOfFreedom: argument.degreesOfFreedom), expected,
                "χ² survival(\(argument.x), df \(argument.degreesOfFreedom))")
        }
        print("oracle, \(signTests.count) sign tests, \(normalArguments.count) normal and "
            + "\(chiSquareArguments.count) chi-square tails: \(comparison.summary)")
        #expect(comparison.mismatches.isEmpty, "\(comparison.mismatches.prefix(20).joined(separator: "\n"))")
    }

    private func compare(
        _ statistics: PairStatistics, _ reference: Oracle.Response.Group, label: String,
        into comparison: inout OracleComparison
    ) {
        comparison.compareExactly(statistics.transitions.rows, reference.transitions, "\(label) transitions")
        comparison.compareExactly(statistics.n, reference.n, "\(label) n")
        comparison.compareExactly(statistics.improved, reference.improved, "\(label) improved")
        comparison.compareExactly(statistics.unchanged, reference.unchanged, "\(label) unchanged")
        comparison.compareExactly(statistics.worsened, reference.worsened, "\(label) worsened")
        comparison.compare(statistics.meanChange, reference.meanChange, "\(label) mean change")
        comparison.compare(statistics.meanBaseline, reference.meanBaseline, "\(label) mean baseline")
        comparison.compare(statistics.meanFollowUp, reference.meanFollowup, "\(label) mean follow-up")
        comparison.compare(statistics.improvedShare, reference.improvedShare, "\(label) improved share")
        // statsmodels computes the interval as centre ± half-width, which leaves
        // ~1e-17 instead of an exact 0 at k = 0: hence the absolute tolerance.
        comparison.compareExactly(
            statistics.improvedShareInterval == nil, reference.improvedShareCi == nil, "\(label) interval presence")
        comparison.compare(
            statistics.improvedShareInterval?.lower, reference.improvedShareCi?.first, "\(label) interval lower",
            absoluteTolerance: 1e-15)
        comparison.compare(
            statistics.improvedShareInterval?.upper, reference.improvedShareCi?.last, "\(label) interval upper",
            absoluteTolerance: 1e-15)
        comparison.compare(statistics.signTestP, reference.signTestP, "\(label) sign test p")

        comparison.compareExactly(statistics.wilcoxon.n, reference.wilcoxon.n, "\(label) Wilcoxon n")
        comparison.compare(statistics.wilcoxon.wPlus, reference.wilcoxon.wPlus, "\(label) Wilcoxon w+")
        comparison.compare(statistics.wilcoxon.wMinus, reference.wilcoxon.wMinus, "\(label) Wilcoxon w-")
        comparison.compare(statistics.wilcoxon.z, reference.wilcoxon.z, "\(label) Wilcoxon z")
        comparison.compare(statistics.wilcoxon.p, reference.wilcoxon.p, "\(label) Wilcoxon p")
        comparison.compare(statistics.rankBiserial, reference.rankBiserial, "\(label) rank-biserial")

        compare(statistics.stuartMaxwell, reference.stuartMaxwell, label: "\(label) Stuart–Maxwell", into: &comparison)
        compare(statistics.bowker, reference.bowker, label: "\(label) Bowker", into: &comparison)
    }

    private func compare(
        _ test: ChiSquareTest, _ reference: Oracle.Response.ChiSquare, label: String,
        into comparison: inout OracleComparison
    ) {
        comparison.compareExactly(test.degreesOfFreedom, reference.df, "\(label) df")
        // The oracle's floating-point margins (statsmodels divides by n first) can
        // leave ~1e-30 where the exact statistic is 0; any real statistic is ≫ 1e-12.
        comparison.compare(test.chi2, reference.chi2, "\(label) chi2", absoluteTolerance: 1e-12)
        comparison.compare(test.p, reference.p, "\(label) p")
    }
}
