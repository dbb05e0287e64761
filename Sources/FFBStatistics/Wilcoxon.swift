/// The Wilcoxon signed-rank test on the changes d = baseline − follow-up of a
/// transition matrix, as STATISTICS.md defines it: zero changes dropped, average
/// ranks for tied |d|, normal approximation with tie correction and no continuity
/// correction.
///
/// |d| takes only the values 1…4, so the ranks need no sorting: the pairs with
/// |d| = a form one tie group whose average rank follows from the sizes of the
/// groups below it. That keeps the test O(1) in the number of pairs.
public struct WilcoxonSignedRank: Sendable, Hashable {
    /// The number of non-zero changes, m.
    public let n: Int
    /// The sum of the ranks of the improvements (d > 0).
    public let wPlus: Double
    /// The sum of the ranks of the worsenings (d < 0).
    public let wMinus: Double
    /// (w₊ − m(m+1)/4)/√var; positive when improvements outweigh worsenings.
    /// `nil` when m = 0 (the variance is then 0).
    public let z: Double?
    /// The two-sided p-value 2 · Φc(|z|); `nil` with `z`.
    public let p: Double?

    /// The test on the changes counted in `matrix`.
    public init(_ matrix: TransitionMatrix) {
        var ranksBelow = 0
        var doubledWPlus = 0.0
        var doubledWMinus = 0.0
        // Twice w₊ − w₋ stays an exact integer for m up to ~6e7, where the mean
        // m(m+1)/4 subtracted from w₊ directly would already round.
        var doubledDifference = 0.0
        var tieCorrection = 0.0
        for magnitude in 1..<TransitionMatrix.levelCount {
            let improvements = matrix.count(withChange: magnitude)
            let worsenings = matrix.count(withChange: -magnitude)
            let tieSize = improvements + worsenings
            // The group holds ranks ranksBelow + 1 … ranksBelow + t; twice their mean:
            let doubledRank = Double(2 * ranksBelow + tieSize + 1)
            doubledWPlus += Double(improvements) * doubledRank
            doubledWMinus += Double(worsenings) * doubledRank
            doubledDifference += Double(improvements - worsenings) * doubledRank
            let t = Double(tieSize)
            tieCorrection += (t * t - 1) * t
            ranksBelow += tieSize
        }
        let m = Double(ranksBelow)
        let variance = (2 * m * (m + 1) * (2 * m + 1) - tieCorrection) / 48

        self.n = ranksBelow
        self.wPlus = doubledWPlus / 2
        self.wMinus = doubledWMinus / 2
        if ranksBelow > 0, variance > 0 {
            // w₊ − m(m+1)/4 = (w₊ − w₋)/2 because w₊ + w₋ = m(m+1)/2.
            let z = doubledDifference / 4 / variance.squareRoot()
            self.z = z
            self.p = min(1, 2 * standardNormalSurvival(abs(z)))
        } else {
            self.z = nil
            self.p = nil
        }
    }

    /// The test on any values (say, citizens' mean changes): zeros dropped, the others ranked
    /// by magnitude with average ranks for equal magnitudes, then as above.
    public init(_ values: [Double]) {
        let magnitudes = values.filter { $0 != 0 }.sorted { abs($0) < abs($1) }
        var groups: [(positive: Int, negative: Int)] = []
        for (index, value) in magnitudes.enumerated() {
            if index == 0 || abs(value) != abs(magnitudes[index - 1]) { groups.append((0, 0)) }
            if value > 0 { groups[groups.count - 1].positive += 1 } else { groups[groups.count - 1].negative += 1 }
        }
        self.init(tieGroups: groups)
    }

    /// The test on non-zero values given as groups of equal magnitude, smallest first: how many
    /// of each group are positive and how many negative.
    public init(tieGroups: [(positive: Int, negative: Int)]) {
        var wPlus = 0.0, wMinus = 0.0, tieCorrection = 0.0
        var below = 0
        for group in tieGroups {
            let size = group.positive + group.negative
            // Ranks below + 1 … below + size share their mean.
            let rank = Double(2 * below + size + 1) / 2
            wPlus += Double(group.positive) * rank
            wMinus += Double(group.negative) * rank
            let t = Double(size)
            tieCorrection += (t * t - 1) * t
            below += size
        }
        let m = Double(below)
        let variance = m * (m + 1) * (2 * m + 1) / 24 - tieCorrection / 48
        n = below
        self.wPlus = wPlus
        self.wMinus = wMinus
        if n > 0, variance > 0 {
            let z = (wPlus - m * (m + 1) / 4) / variance.squareRoot()
            self.z = z
            p = min(1, 2 * standardNormalSurvival(abs(z)))
        } else {
            z = nil
            p = nil
        }
    }

    /// The matched-pairs rank-biserial correlation (w₊ − w₋)/(w₊ + w₋), from −1
    /// (all worsened) to 1 (all improved); `nil` when no change is non-zero.
    public var rankBiserial: Double? {
        let total = wPlus + wMinus
        guard n > 0, total > 0 else { return nil }
        return (wPlus - wMinus) / total
    }
}
