extension ChiSquareTest {
    /// The Stuart–Maxwell test of marginal homogeneity: χ² = dᵀV⁺d with
    /// dᵢ = nᵢ· − n·ᵢ, V the covariance estimate of STATISTICS.md and V⁺ its
    /// Moore–Penrose pseudo-inverse; df = rank V.
    ///
    /// V is the weighted Laplacian of the graph joining levels i ≠ j with weight
    /// nᵢⱼ + nⱼᵢ. Its rank is 5 minus the number of connected groups of levels, and
    /// its pseudo-inverse acts on each group separately; d sums to zero within a
    /// group, so on a group dᵀV⁺d equals the textbook statistic that drops one level
    /// and inverts the rest. The statistic is therefore that textbook value summed
    /// over the groups, with no pseudo-inverse needed. Undefined when df = 0, that is
    /// when no pair changed level.
    public static func stuartMaxwell(_ matrix: TransitionMatrix) -> ChiSquareTest {
        let levels = TransitionMatrix.levels
        let groups = LevelGroups(connecting: matrix).members
        let degreesOfFreedom = TransitionMatrix.levelCount - groups.count
        guard degreesOfFreedom > 0 else { return .undefined }

        let marginalDifference = levels.map { matrix.baselineTotal($0) - matrix.followUpTotal($0) }
        var chi2 = 0.0
        for group in groups where group.count > 1 {
            // Dropping the group's last level leaves a positive definite system.
            let kept = group.dropLast()
            let covariance = kept.map { i in
                kept.map { j in
                    i == j
                        ? Double(levels.reduce(0) { $1 == i ? $0 : $0 + matrix[i, $1] + matrix[$1, i] })
                        : -Double(matrix[i, j] + matrix[j, i])
                }
            }
            let difference = kept.map { Double(marginalDifference[$0]) }
            // Positive definite in exact arithmetic; only counts spanning ~16 orders of
            // magnitude could defeat it numerically, and then no honest value exists.
            guard let solution = solvePositiveDefinite(covariance, difference) else {
                return .undefined
            }
            chi2 += zip(difference, solution).reduce(0) { $0 + $1.0 * $1.1 }
        }
        return ChiSquareTest(chi2: max(0, chi2), degreesOfFreedom: degreesOfFreedom) ?? .undefined
    }
}
