import FFBStatistics
import Testing

@Suite("Exact sign test")
struct SignTestTests {
    @Test("ten of ten improved, or ten of ten worsened, give p = 2/1024")
    func allOneWay() {
        #expect(signTestPValue(successes: 10, trials: 10) == 2.0 / 1024)
        #expect(signTestPValue(successes: 0, trials: 10) == 2.0 / 1024)
    }

    @Test("only ties, or inconsistent counts, give no test")
    func noTrials() {
        #expect(signTestPValue(successes: 0, trials: 0) == nil)
        #expect(signTestPValue(successes: 3, trials: 2) == nil)
        #expect(signTestPValue(successes: -1, trials: 2) == nil)
    }

    @Test("an even split, or the nearest to one, gives p = 1")
    func balanced() {
        #expect(signTestPValue(successes: 5, trials: 10) == 1)
        #expect(signTestPValue(successes: 4, trials: 9) == 1)
        #expect(signTestPValue(successes: 5, trials: 9) == 1)
        #expect(signTestPValue(successes: 1, trials: 1) == 1)
        #expect(signTestPValue(successes: 0, trials: 1) == 1)
    }

    @Test("small groups match the binomial sums", arguments: [
        (3, 10, 0.34375),
        (10, 100, 3.063290175437985133e-17),
        (40, 100, 0.05688793364098079167),
        (450, 1_000, 0.0017305360849763176082),
        (4_990, 10_000, 0.84931032663732042914),
    ])
    func smallGroups(successes: Int, trials: Int, expected: Double) {
        #expect(isClose(signTestPValue(successes: successes, trials: trials), expected, tolerance: 1e-14))
    }

    /// Reference values summed term by term at 40 digits with mpmath.
    @Test("groups of millions keep full precision", arguments: [
        (49_500, 100_000, 0.0015823598788515956444),
        (4_990_000, 10_000_000, 2.5448004911551730569e-10),
        (24_990_000, 50_000_000, 0.0046798016106272710935),
        (24_970_000, 50_000_000, 2.1545739393466745339e-17),
        (24_996_000, 50_000_000, 0.25795853840902514334),
        (25_004_000, 50_000_000, 0.25795853840902514334),
    ])
    func largeGroups(successes: Int, trials: Int, expected: Double) {
        #expect(isClose(signTestPValue(successes: successes, trials: trials), expected, tolerance: 1e-14))
    }

    @Test("the tail sum agrees with the incomplete beta function")
    func agreesWithIncompleteBeta() {
        for trials in [7, 60, 999, 12_345, 2_000_000] {
            for successes in stride(from: 0, to: trials / 2, by: max(1, trials / 23)) {
                let viaBeta = min(1, 2 * binomialCDF(successes, trials: trials, probability: 0.5))
                #expect(isClose(signTestPValue(successes: successes, trials: trials), viaBeta, tolerance: 1e-11))
            }
        }
    }

    @Test("twenty groups of fifty million split near the middle take well under a second")
    func fastForLargeGroups() {
        let elapsed = ContinuousClock().measure {
            for offset in 0..<20 {
                _ = signTestPValue(successes: 24_999_999 - 1_000 * offset, trials: 50_000_000)
            }
        }
        #expect(elapsed < .seconds(1))
    }

    @Test("a hopeless split of ten million underflows to 0 rather than NaN")
    func underflow() {
        #expect(signTestPValue(successes: 1_000, trials: 10_000_000) == 0)
    }
}
