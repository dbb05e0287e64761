extension ChiSquareTest {
    /// Bowker's test of symmetry: χ² = Σ over level pairs i < j with nᵢⱼ + nⱼᵢ > 0 of
    /// (nᵢⱼ − nⱼᵢ)² / (nᵢⱼ + nⱼᵢ), df = the number of such pairs. Undefined when
    /// df = 0, that is when no pair changed level.
    ///
    /// Pairs of levels that nobody moved between carry no information and are left
    /// out of df, unlike implementations that always use df = 10.
    public static func bowker(_ matrix: TransitionMatrix) -> ChiSquareTest {
        let levels = TransitionMatrix.levels
        var chi2 = 0.0
        var degreesOfFreedom = 0
        for i in levels {
            for j in levels where j > i {
                let worsened = Double(matrix[i, j])
                let improved = Double(matrix[j, i])
                guard worsened + improved > 0 else { continue }
                let difference = worsened - improved
                chi2 += difference * difference / (worsened + improved)
                degreesOfFreedom += 1
            }
        }
        return ChiSquareTest(chi2: chi2, degreesOfFreedom: degreesOfFreedom) ?? .undefined
    }
}
