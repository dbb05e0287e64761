/// Every per-group pair statistic of STATISTICS.md, computed from the group's
/// transition matrix in constant time.
///
/// The fields mirror the group object of `ffb stats --format json` (CLI.md); a
/// statistic that is undefined for the group (a mean of no pairs, a test with no
/// non-zero change) is `nil` and never NaN or infinite.
public struct PairStatistics: Sendable, Hashable {
    /// The number of pairs.
    public let n: Int
    /// Pairs whose level fell (d > 0).
    public let improved: Int
    /// Pairs whose level stayed (d = 0).
    public let unchanged: Int
    /// Pairs whose level rose (d < 0).
    public let worsened: Int
    /// The mean of d = baseline − follow-up; positive means improvement.
    public let meanChange: Double?
    /// The mean baseline level.
    public let meanBaseline: Double?
    /// The mean follow-up level.
    public let meanFollowUp: Double?
    /// improved / n.
    public let improvedShare: Double?
    /// The Wilson score 95 % interval of ``improvedShare``.
    public let improvedShareInterval: ProportionInterval?
    /// The exact two-sided sign test of improved against worsened; `nil` if both are 0.
    public let signTestP: Double?
    /// The Wilcoxon signed-rank test on d.
    public let wilcoxon: WilcoxonSignedRank
    /// The matched-pairs rank-biserial correlation; `nil` if no change is non-zero.
    public let rankBiserial: Double?
    /// The counts the statistics were computed from.
    public let transitions: TransitionMatrix
    /// Marginal homogeneity: did the distribution of levels move?
    public let stuartMaxwell: ChiSquareTest
    /// Symmetry: are moves i → j as common as moves j → i?
    public let bowker: ChiSquareTest

    /// The statistics of the pairs counted in `matrix`.
    public init(_ matrix: TransitionMatrix) {
        let levels = TransitionMatrix.levels
        let n = matrix.total
        let improved = (1..<TransitionMatrix.levelCount).reduce(0) { $0 + matrix.count(withChange: $1) }
        let unchanged = matrix.count(withChange: 0)
        let baselineSum = levels.reduce(0) { $0 + $1 * matrix.baselineTotal($1) }
        let followUpSum = levels.reduce(0) { $0 + $1 * matrix.followUpTotal($1) }

        self.n = n
        self.improved = improved
        self.unchanged = unchanged
        self.worsened = n - improved - unchanged
        if n > 0 {
            let count = Double(n)
            meanChange = Double(baselineSum - followUpSum) / count
            meanBaseline = Double(baselineSum) / count
            meanFollowUp = Double(followUpSum) / count
            improvedShare = Double(improved) / count
        } else {
            meanChange = nil
            meanBaseline = nil
            meanFollowUp = nil
            improvedShare = nil
        }
        improvedShareInterval = wilsonInterval(successes: improved, trials: n)
        signTestP = signTestPValue(successes: improved, trials: improved + worsened)
        wilcoxon = WilcoxonSignedRank(matrix)
        rankBiserial = wilcoxon.rankBiserial
        transitions = matrix
        stuartMaxwell = .stuartMaxwell(matrix)
        bowker = .bowker(matrix)
    }
}
