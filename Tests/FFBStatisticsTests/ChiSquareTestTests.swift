@testable import FFBStatistics
import Testing

@Suite("Stuart–Maxwell and Bowker tests")
struct ChiSquareTestTests {
    /// Stuart's (1955) unaided distance vision of 7477 women, right eye × left eye,
    /// grades 1–4 as levels 0–3; level 4 is empty and forms a group of its own.
    static let vision = matrix([
        [1520, 266, 124, 66, 0],
        [234, 1512, 432, 78, 0],
        [117, 362, 1772, 205, 0],
        [36, 82, 179, 492, 0],
        [0, 0, 0, 0, 0],
    ])

    @Test("Stuart's vision data give the published Stuart–Maxwell 11.96 on 3 df")
    func stuartMaxwellVision() {
        let test = ChiSquareTest.stuartMaxwell(Self.vision)
        // Exact rational value of the textbook statistic, and its p from mpmath.
        #expect(isClose(test.chi2, 11.956569622982556186, tolerance: 1e-13))
        #expect(test.degreesOfFreedom == 3)
        #expect(isClose(test.p, 0.0075334250548005389135, tolerance: 1e-13))
    }

    @Test("Stuart's vision data give the published Bowker 19.11 on 6 df")
    func bowkerVision() {
        let test = ChiSquareTest.bowker(Self.vision)
        #expect(isClose(test.chi2, 19.106550215266766635, tolerance: 1e-14))
        #expect(test.degreesOfFreedom == 6)
        #expect(isClose(test.p, 0.0039874198404285783181, tolerance: 1e-13))
    }

    @Test("levels nobody moves between split Stuart–Maxwell into McNemar tests that add up")
    func disconnectedLevels() {
        // 0 ↔ 1: 6 improve, 2 worsen; 3 ↔ 4: 9 improve, 1 worsens; level 2 stays put.
        let split = matrix([
            (baseline: 1, followUp: 0, count: 6), (baseline: 0, followUp: 1, count: 2),
            (baseline: 4, followUp: 3, count: 9), (baseline: 3, followUp: 4, count: 1),
            (baseline: 2, followUp: 2, count: 5),
        ])
        let stuartMaxwell = ChiSquareTest.stuartMaxwell(split)
        // (6 − 2)²/8 + (9 − 1)²/10 = 2 + 6.4 on 5 − 3 groups = 2 df; p = e^(−4.2).
        #expect(isClose(stuartMaxwell.chi2, 8.4))
        #expect(stuartMaxwell.degreesOfFreedom == 2)
        #expect(isClose(stuartMaxwell.p, 0.014995576820477703548))
        let bowker = ChiSquareTest.bowker(split)
        #expect(isClose(bowker.chi2, 8.4))
        #expect(bowker.degreesOfFreedom == 2)
    }

    @Test("a cycle of moves keeps the margins: Stuart–Maxwell 0 but Bowker not")
    func cycleKeepsMargins() {
        let cycle = matrix([
            (baseline: 1, followUp: 2, count: 3), (baseline: 2, followUp: 3, count: 3),
            (baseline: 3, followUp: 1, count: 3),
        ])
        let stuartMaxwell = ChiSquareTest.stuartMaxwell(cycle)
        #expect(stuartMaxwell.chi2 == 0)
        #expect(stuartMaxwell.degreesOfFreedom == 2)
        #expect(stuartMaxwell.p == 1)
        let bowker = ChiSquareTest.bowker(cycle)
        #expect(bowker.chi2 == 9)
        #expect(bowker.degreesOfFreedom == 3)
    }

    @Test("no moves at all leave both tests undefined")
    func noMoves() {
        let diagonal = matrix([(baseline: 2, followUp: 2, count: 40)])
        #expect(ChiSquareTest.stuartMaxwell(diagonal) == .undefined)
        #expect(ChiSquareTest.bowker(diagonal) == .undefined)
    }

    @Test("a chi-square test needs degrees of freedom and a finite, non-negative statistic")
    func construction() {
        #expect(ChiSquareTest(chi2: 3, degreesOfFreedom: 0) == nil)
        #expect(ChiSquareTest(chi2: -1, degreesOfFreedom: 2) == nil)
        #expect(ChiSquareTest(chi2: .nan, degreesOfFreedom: 2) == nil)
        #expect(ChiSquareTest(chi2: .infinity, degreesOfFreedom: 2) == nil)
        let test = ChiSquareTest(chi2: 8.4, degreesOfFreedom: 2)
        #expect(isClose(test?.p, 0.014995576820477703548))
    }

    @Test("levels are grouped by off-diagonal counts in either direction")
    func levelGroups() {
        let groups = LevelGroups(connecting: matrix([
            (baseline: 4, followUp: 0, count: 1), (baseline: 2, followUp: 1, count: 1),
            (baseline: 3, followUp: 3, count: 8),
        ]))
        #expect(groups.members == [[0, 4], [1, 2], [3]])
        #expect(LevelGroups(connecting: TransitionMatrix()).members == [[0], [1], [2], [3], [4]])
    }

    @Test("Cholesky solves a positive definite system and refuses a singular one")
    func cholesky() {
        let solution = solvePositiveDefinite([[4, 2, 0], [2, 5, 1], [0, 1, 3]], [2, 7, 7])
        #expect(solution.map { zip($0, [0.0, 1, 2]).allSatisfy { abs($0 - $1) < 1e-15 } } == true)
        #expect(solvePositiveDefinite([[1, 1], [1, 1]], [1, 1]) == nil)
        #expect(solvePositiveDefinite([[1, 0]], [1]) == nil)
    }
}
