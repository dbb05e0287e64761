import FFBStatistics
import Testing

@Suite("Wilcoxon signed-rank test and rank-biserial correlation")
struct WilcoxonTests {
    @Test("four one-level moves tie at rank 2.5 and a two-level improvement ranks 5")
    func tieCorrection() {
        // d = +1, +1, +1, −1, +2 and two unchanged citizens, who are dropped.
        let wilcoxon = WilcoxonSignedRank(matrix([
            (baseline: 2, followUp: 1, count: 3), (baseline: 1, followUp: 2, count: 1),
            (baseline: 3, followUp: 1, count: 1), (baseline: 0, followUp: 0, count: 2),
        ]))
        #expect(wilcoxon.n == 5)
        #expect(wilcoxon.wPlus == 12.5)
        #expect(wilcoxon.wMinus == 2.5)
        // var = 5·6·11/24 − (4³ − 4)/48 = 12.5, z = (12.5 − 7.5)/√12.5 = √2, p = erfc(1).
        #expect(isClose(wilcoxon.z, 2.0.squareRoot()))
        #expect(isClose(wilcoxon.p, 0.1572992070502851306588))
        #expect(isClose(wilcoxon.rankBiserial, 2.0 / 3))
    }

    @Test("z is negative when more citizens worsen than improve")
    func worseningGivesNegativeZ() {
        let wilcoxon = WilcoxonSignedRank(matrix([(baseline: 0, followUp: 2, count: 6), (baseline: 2, followUp: 1, count: 1)]))
        #expect((wilcoxon.z ?? 0) < 0)
        #expect((wilcoxon.rankBiserial ?? 0) < 0)
        #expect(wilcoxon.wPlus + wilcoxon.wMinus == 28)
    }

    @Test("unchanged citizens only give no test")
    func noNonZeroChange() {
        let wilcoxon = WilcoxonSignedRank(matrix([(baseline: 3, followUp: 3, count: 9)]))
        #expect(wilcoxon.n == 0)
        #expect(wilcoxon.z == nil)
        #expect(wilcoxon.p == nil)
        #expect(wilcoxon.rankBiserial == nil)
    }

    @Test("rank sums of a hundred million pairs stay exact")
    func largeGroups() {
        let wilcoxon = WilcoxonSignedRank(matrix([
            (baseline: 1, followUp: 0, count: 50_000_001), (baseline: 0, followUp: 1, count: 49_999_999),
        ]))
        // One tie group of m = 1e8 at rank (m + 1)/2; w₊ − w₋ = 2 · (m + 1)/2.
        #expect(wilcoxon.wPlus - wilcoxon.wMinus == 100_000_001)
        // var = m(m + 1)²/16, so z = (m + 1)/2 / ((m + 1)√m/4) = 2/√m.
        #expect(isClose(wilcoxon.z, 2 / 1e4, tolerance: 1e-13))
    }
}
