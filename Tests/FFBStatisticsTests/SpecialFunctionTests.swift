@testable import FFBStatistics
import Testing

/// Reference values from mpmath at 40 significant digits.
@Suite("Special functions")
struct SpecialFunctionTests {
    @Test("normal upper tail", arguments: [
        (0.0, 0.5),
        (0.5, 0.30853753872598689636),
        (1, 0.15865525393145705141),
        (1.5, 0.066807201268858066004),
        (1.959963984540054, 0.025000000000000013765),
        (1.999, 0.022804176932658888693),
        (2, 0.0227501319481792072),
        (2.5, 0.006209665325776135167),
        (3, 0.0013498980316300945267),
        (5, 2.8665157187919391167e-7),
        (8, 6.2209605742717841235e-16),
        (10, 7.61985302416052606e-24),
        (20, 2.7536241186062336951e-89),
        (37, 5.7255712225245768227e-300),
        (-1, 0.84134474606854294859),
        (-5, 0.99999971334842812081),
    ])
    func normalSurvival(z: Double, expected: Double) {
        #expect(isClose(standardNormalSurvival(z), expected, tolerance: 1e-15))
        #expect(isClose(standardNormalCDF(-z), expected, tolerance: 1e-15))
    }

    /// z = k/4 is exact in binary, so the reference needs no allowance for a rounded argument.
    @Test("normal upper tail on both sides of the switch from series to continued fraction", arguments: [
        (0.25, 0.401293674317076275759),
        (0.5, 0.308537538725986896362),
        (0.75, 0.226627352376868199327),
        (1.0, 0.158655253931457051415),
        (1.25, 0.105649773666855257689),
        (1.5, 0.0668072012688580660045),
        (1.75, 0.0400591568638170904188),
        (2.0, 0.0227501319481792072003),
        (2.25, 0.0122244726550447031526),
        (2.5, 0.00620966532577613516698),
        (2.75, 0.00297976323505455675429),
        (3.0, 0.00134989803163009452665),
        (3.25, 0.000577025042390767042917),
        (3.5, 0.00023262907903552503635),
        (3.75, 0.0000884172852008038678178),
        (4.0, 0.0000316712418331199212538),
        (4.25, 0.0000106885257749344204692),
        (4.5, 0.00000339767312473006040169),
        (4.75, 0.00000101708324256870317126),
        (5.0, 2.86651571879193911674e-7),
        (5.25, 7.60496051648871425115e-8),
        (5.5, 1.89895624658877193839e-8),
        (5.75, 4.46217245390161187307e-9),
        (6.0, 9.86587645037698140701e-10),
        (6.25, 2.05226342521893888162e-10),
        (6.5, 4.01600058385911780835e-11),
        (6.75, 7.39225777801782241952e-12),
        (7.0, 1.27981254388583500438e-12),
        (7.25, 2.08385815867206943119e-13),
        (7.5, 3.19089167291089622777e-14),
        (7.75, 4.59462743577859546016e-15),
        (8.0, 6.22096057427178412352e-16),
        (8.25, 7.91972631464247734096e-17),
        (8.5, 9.47953482220331835415e-18),
        (8.75, 1.06676373754748580029e-18),
        (9.0, 1.12858840595384064774e-19),
        (9.25, 1.12246335913279826595e-20),
        (9.5, 1.04945150753626074928e-21),
        (9.75, 9.22341352493941814852e-23),
        (10.0, 7.61985302416052606597e-24)

    ])
    func normalSurvivalGrid(z: Double, expected: Double) {
        #expect(isClose(standardNormalSurvival(z), expected, tolerance: 1e-15))
    }

    @Test("normal tails at the ends of the line")
    func normalLimits() {
        #expect(standardNormalSurvival(.infinity) == 0)
        #expect(standardNormalSurvival(-.infinity) == 1)
        #expect(standardNormalSurvival(40) == 0)
        #expect(standardNormalCDF(0) == 0.5)
        #expect(standardNormalSurvival(.nan).isNaN)
    }

    @Test("chi-square upper tail", arguments: [
        (0.5, 1.0, 0.47950012218695346232),
        (3.841458820694124, 1, 0.050000000000000058397),
        (10, 1, 0.0015654022580025496775),
        (100, 1, 1.5239706048321052132e-23),
        (1000, 1, 1.7958327848007261946e-219),
        (1, 4, 0.90979598956895013541),
        (9.487729036781154, 4, 0.050000000000000056816),
        (50, 4, 3.6108654048906453546e-10),
        (0.1, 10, 0.99999999750204866399),
        (18.307038053275146, 10, 0.050000000000000013496),
        (200, 10, 1.613930533697730479e-37),
        (0.001, 3, 0.99999159208094195384),
        (1400, 2, 9.8596765437597708567e-305),
        (7, 7, 0.42887985755305471947),
        (2.5, 3, 0.47529108334302059016),
    ])
    func chiSquare(x: Double, degreesOfFreedom: Double, expected: Double) {
        // exp(−x/2) carries the rounding of an exponent of size x/2: ~(x/2)·1e-16 relative.
        #expect(isClose(chiSquareSurvival(x, degreesOfFreedom: degreesOfFreedom), expected, tolerance: max(2e-15, x * 1e-16)))
    }

    @Test("chi-square at zero and outside its domain")
    func chiSquareLimits() {
        #expect(chiSquareSurvival(0, degreesOfFreedom: 3) == 1)
        #expect(chiSquareSurvival(-1, degreesOfFreedom: 3) == 1)
        #expect(chiSquareSurvival(.infinity, degreesOfFreedom: 3) == 0)
        #expect(chiSquareSurvival(1, degreesOfFreedom: 0).isNaN)
    }

    @Test("lower and upper incomplete gamma add up to one")
    func incompleteGammaComplement() {
        for a in [0.5, 1, 2.5, 7, 30] {
            for x in [0.01, 0.7, 3, 8, 25, 60] {
                let sum = regularizedLowerIncompleteGamma(a, x) + regularizedUpperIncompleteGamma(a, x)
                #expect(abs(sum - 1) < 1e-15)
            }
        }
    }

    @Test("log gamma", arguments: [
        (0.001, 6.907178885383853682512),
        (0.5, 0.5723649429247000870717),
        (1, 0),
        (2, 0),
        (3.5, 1.200973602347074224816),
        (10, 12.80182748008146961121),
        (14.999, 25.18854687054692642462),
        (15, 25.19122118273868150009),
        (100, 359.134205369575398776),
        (1_000_000, 12_815_504.56914761165998),
    ])
    func logGammaValues(x: Double, expected: Double) {
        let value = logGamma(x)
        #expect(abs(value - expected) <= 1e-15 * max(1, abs(expected)))
    }

    @Test("regularized incomplete beta", arguments: [
        (0.4, 2.0, 3.0, 0.5248),
        (0.1, 0.5, 0.5, 0.20483276469913345165),
        (0.7, 10, 20, 0.99998285808282691037),
        (0.6, 100, 50, 0.044424097290243789282),
        (0.999, 3, 4, 0.99999999998502399),
    ])
    func incompleteBeta(x: Double, a: Double, b: Double, expected: Double) {
        #expect(isClose(regularizedIncompleteBeta(x, a: a, b: b), expected, tolerance: 1e-14))
    }

    @Test("binomial probabilities of a fair coin")
    func binomialProbabilities() {
        #expect(isClose(binomialProbability(3, trials: 10, probability: 0.5), 120.0 / 1024))
        #expect(binomialProbability(0, trials: 10, probability: 0.5) == 1.0 / 1024)
        #expect(binomialProbability(11, trials: 10, probability: 0.5) == 0)
        // C(40, 20) / 2⁴⁰ = 137846528820 / 1099511627776.
        #expect(isClose(binomialProbability(20, trials: 40, probability: 0.5), 137_846_528_820 / 1_099_511_627_776))
    }

    @Test("binomial distribution function at its edges")
    func binomialEdges() {
        #expect(binomialCDF(-1, trials: 10, probability: 0.3) == 0)
        #expect(binomialCDF(10, trials: 10, probability: 0.3) == 1)
        #expect(isClose(binomialCDF(0, trials: 10, probability: 0.5), 1.0 / 1024))
        #expect(isClose(binomialCDF(2, trials: 5, probability: 0.2), 0.94208))
        #expect(binomialCDF(2, trials: 5, probability: 1.5).isNaN)
    }

    @Test("Loader's deviance term has no cancellation near its minimum")
    func devianceNearMinimum() {
        // x ln(x/μ) + μ − x ≈ (x − μ)²/(2μ) for x ≈ μ.
        let value = devianceTerm(1_000_001, 1_000_000)
        #expect(isClose(value, 4.9999983333340833329e-7, tolerance: 1e-12))
        #expect(devianceTerm(0, 3) == 3)
    }
}
